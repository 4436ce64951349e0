package dev.tiffin.provider;

import dev.tiffin.provider.codec.EntryMetadata;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.near.ImmutableValues;
import dev.tiffin.provider.near.NearEntry;
import dev.tiffin.provider.near.NearStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The near tier's fast read, in front of {@link OneRoundTrip}: an index from key objects to the
 * entries the cache's {@link NearStore} holds, so a hit on an immutable key (a String, a boxed number)
 * skips encoding the key and, for an immutable value, decoding it. Chosen only for caches whose reads
 * never change an entry's expiry.
 *
 * <p>The index adds no coherence rules of its own: an entry it points to is served only while the
 * near store would serve it, and every entry the near store lets go of leaves the index too, so the
 * index never holds more than the near store.
 */
final class NearReads<K, V> implements AccessPath<K, V> {

  private final AccessPath<K, V> roundTrip;
  private final NearStore near;
  private final CacheSpace space;
  private final EntryEngine<K, V> engine;
  private final Map<K, NearEntry> index = new ConcurrentHashMap<>();

  NearReads(AccessPath<K, V> roundTrip, NearStore near, CacheSpace space, EntryEngine<K, V> engine) {
    this.roundTrip = roundTrip;
    this.near = near;
    this.space = space;
    this.engine = engine;
  }

  @Override
  public ReadOutcome<V> read(K key) {
    NearEntry held = index.get(key);
    if (held != null) {
      if (near.serves(held)) {
        V value = valueOf(held);
        if (value != null) {
          return new ReadOutcome<>(true, value);
        }
      }
      index.remove(key, held);
    }
    ReadOutcome<V> outcome = roundTrip.read(key);
    if (outcome != null && outcome.hit() && ImmutableValues.isImmutable(key)) {
      index(key);
    }
    return outcome;
  }

  @SuppressWarnings("unchecked")
  private V valueOf(NearEntry held) {
    Object decoded = held.decoded();
    return decoded != null ? (V) decoded : engine.decodeOrAbsent(held.key(), held.stored().value());
  }

  /** Points the index at the entry the near store now holds for {@code key}, decoded once if immutable. */
  private void index(K key) {
    NearEntry held = near.peek(space.keys().encode(key));
    // A getOrSet entry's header decides its freshness on every read: it stays on the store's path.
    if (held == null || EntryMetadata.isPresent(held.stored().value())) {
      return;
    }
    // Decoded from the entry itself, not taken from the read: the entry may be newer than the read.
    V value = engine.decodeOrAbsent(held.key(), held.stored().value());
    if (value == null) {
      return;
    }
    if (ImmutableValues.isImmutable(value)) {
      held.remember(value);
    }
    index.put(key, held);
    // Bounded by the near store: whatever makes it let go of the entry removes it here too.
    held.onDrop(() -> index.remove(key, held));
  }

  @Override
  public boolean put(K key, V value) {
    return roundTrip.put(key, value);
  }

  @Override
  public int putAll(Map<? extends K, ? extends V> map, Set<Object> skipped) {
    return roundTrip.putAll(map, skipped);
  }
}
