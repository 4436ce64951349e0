package dev.tiffin.provider;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.cache.CacheException;

/**
 * A namespace of a cache: the same operations over keys of its own, under a sub-prefix of its
 * parent's space. Its current generation is a counter in the store, read on every operation, so a
 * {@link #clear()} in any JVM — which moves to the next generation and reclaims the old one in the
 * background — is seen by every other JVM on its next operation, however many entries it held.
 *
 * <p>A namespace holds Tiffin entries only: no {@code CacheWriter}, listener, loader or JCache
 * statistics sees them, and the cache's own {@code clear()} leaves them.
 */
final class NamespaceView<K, V> extends SliceView<K, V> {

  private final SliceView<K, V> parent;
  private final String name;
  private volatile Slice<K, V> current;

  NamespaceView(SliceView<K, V> parent, String name, SliceFactory<K, V> slices) {
    super(slices);
    this.parent = parent;
    this.name = name;
  }

  /** Checks a namespace name: 1 to 200 characters. */
  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > 200) {
      throw new IllegalArgumentException("A namespace name must have 1 to 200 characters, was '" + name + "'");
    }
    return name;
  }

  @Override
  SpaceOperations<K, V> operations() {
    CacheSpace parentSpace = parent.operations().space();
    long generation = generation(parentSpace);
    Slice<K, V> slice = current;
    if (slice == null || slice.generation() != generation || slice.parent() != parentSpace) {
      EnvelopeCodec.Pair codec = parentSpace.values().namespace(name, generation);
      slice = new Slice<>(parentSpace, generation, slices().namespaceSlice(new CacheSpace(parentSpace.cacheName(),
          parentSpace.store(), codec.keys(), codec.values(), parentSpace.clock())));
      current = slice;
    }
    return slice.operations();
  }

  @Override
  void requireOpen() {
    parent.requireOpen();
  }

  private long generation(CacheSpace parentSpace) {
    StoredEntry stored = parentSpace.store().get(parentSpace.keys().generationKey(name));
    if (stored == null) {
      return 0;
    }
    try {
      return Long.parseLong(new String(stored.value(), StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new CacheException("The generation of namespace " + name + " of cache " + parentSpace.cacheName()
          + " holds something other than a number: was its key written by something other than Tiffin?", e);
    }
  }

  @Override
  public void set(K key, V value, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    SpaceOperations<K, V> operations = operations();
    operations.put(key, value, ttl == null ? EntryState.POLICY_DECIDES : operations.expiresAfter(ttl));
  }

  @Override
  public V get(K key) {
    Objects.requireNonNull(key, "key");
    return operations().get(key);
  }

  @Override
  public boolean exists(K key) {
    Objects.requireNonNull(key, "key");
    return operations().exists(key);
  }

  @Override
  public boolean delete(K key) {
    Objects.requireNonNull(key, "key");
    return operations().delete(key);
  }

  /** Moves to the next generation at once, in one atomic step in the store; the old one is reclaimed in the background. */
  @Override
  public void clear() {
    CacheSpace parentSpace = parent.operations().space();
    long next = parentSpace.store().increment(parentSpace.keys().generationKey(name), 1, StoredEntry.ETERNAL);
    slices().reclaimer().reclaim(parentSpace.store(), parentSpace.keys().namespace(name, next - 1).spacePrefix(),
        "namespace " + name + " of cache " + parentSpace.cacheName());
  }

  @Override
  public String toString() {
    return "TiffinCache[namespace " + name + " of " + parent + "]";
  }

  /** One generation's operations, and the parent slice it lives in. */
  private record Slice<K, V>(CacheSpace parent, long generation, SpaceOperations<K, V> operations) {
  }
}
