package dev.tiffin.provider.near;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tiffin.config.NearSettings;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.StoredEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A cache's near tier: the store's entries kept in this JVM's memory (Caffeine, bounded in size and
 * age) in front of the store, as the stored bytes, so every read still decodes a fresh copy.
 *
 * <p>Coherence: every write through this store drops the key here and is published on the store's
 * {@link InvalidationBus}; what the bus delivers from other members drops keys too. While the bus
 * cannot promise delivery (not yet subscribed, disconnected) the near tier serves nothing and keeps
 * nothing. A read racing an invalidation never puts the older value back: a read notes the key's
 * version (one of 1,024 striped counters every invalidation bumps) before asking the store, and keeps
 * what it read only if the version has not moved. An entry this tier thinks expired is read again from
 * the store, which may have extended it.
 */
public final class NearStore extends ForwardingStore implements InvalidationBus.Listener {

  private static final int STRIPES = 1024;

  private final LongSupplier clock;
  private final Cache<ByteBuffer, StoredEntry> near;
  private final AtomicLongArray versions = new AtomicLongArray(STRIPES);
  private final InvalidationBus.Membership membership;

  /** A near tier over {@code store}, a member of {@code channel} on {@code bus}. */
  public NearStore(ByteStore store, NearSettings settings, LongSupplier clock, InvalidationBus bus, String channel) {
    super(store);
    this.clock = clock;
    this.near = Caffeine.newBuilder().maximumSize(settings.maxEntries()).expireAfterWrite(settings.maxAge()).build();
    this.membership = bus.join(channel, this);
  }

  @Override
  public StoredEntry get(byte[] key) {
    if (!membership.isOnline()) {
      return store().get(key);
    }
    ByteBuffer wrapped = ByteBuffer.wrap(key);
    StoredEntry held = near.getIfPresent(wrapped);
    if (held != null && !held.isExpiredAt(clock.getAsLong())) {
      return held;
    }
    int stripe = stripe(key);
    long version = versions.get(stripe);
    StoredEntry read = store().get(key);
    keep(wrapped, stripe, version, read);
    return read;
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    if (!membership.isOnline()) {
      return store().getAll(keys);
    }
    long now = clock.getAsLong();
    List<StoredEntry> found = new ArrayList<>(keys.size());
    List<byte[]> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      StoredEntry held = near.getIfPresent(ByteBuffer.wrap(keys.get(i)));
      boolean usable = held != null && !held.isExpiredAt(now);
      found.add(usable ? held : null);
      if (!usable) {
        missing.add(keys.get(i));
        missingAt.add(i);
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    long[] noted = new long[missing.size()];
    for (int m = 0; m < noted.length; m++) {
      noted[m] = versions.get(stripe(missing.get(m)));
    }
    List<StoredEntry> read = store().getAll(missing);
    for (int m = 0; m < missing.size(); m++) {
      keep(ByteBuffer.wrap(missing.get(m)), stripe(missing.get(m)), noted[m], read.get(m));
      found.set(missingAt.get(m), read.get(m));
    }
    return found;
  }

  /** Keeps what a read found, unless an invalidation of its stripe came in since the read began. */
  private void keep(ByteBuffer key, int stripe, long version, StoredEntry read) {
    if (read == null || read.isExpiredAt(clock.getAsLong())) {
      return;
    }
    near.asMap().compute(key, (k, old) -> versions.get(stripe) == version && membership.isOnline() ? read : old);
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    StoredEntry touched = store().getAndTouch(key, expiresAt, now);
    changed(key);
    return touched;
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    store().put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
    changed(key);
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    boolean swapped = store().compareAndSet(key, expected, value, expiresAt);
    if (swapped) {
      changed(key);
    } else {
      // Losing means our copy may be old: drop it here, nobody else needs telling.
      drop(key);
    }
    return swapped;
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    long value = store().increment(key, delta, expiresAtIfCreated);
    changed(key);
    return value;
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    boolean touched = store().touch(key, expected, expiresAt);
    changed(key);
    return touched;
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    store().putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
    changed(keys);
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    long removed = store().removeAll(keys);
    changed(keys);
    return removed;
  }

  @Override
  public long clear(byte[] prefix) {
    long removed = store().clear(prefix);
    invalidateAll();
    membership.publishFlush();
    return removed;
  }

  private void changed(byte[] key) {
    drop(key);
    membership.publish(List.of(key));
  }

  private void changed(List<byte[]> keys) {
    if (!keys.isEmpty()) {
      keys.forEach(this::drop);
      membership.publish(keys);
    }
  }

  private void drop(byte[] key) {
    versions.incrementAndGet(stripe(key));
    near.invalidate(ByteBuffer.wrap(key));
  }

  @Override
  public void invalidate(List<byte[]> keys) {
    keys.forEach(this::drop);
  }

  @Override
  public void invalidateAll() {
    for (int i = 0; i < STRIPES; i++) {
      versions.incrementAndGet(i);
    }
    near.invalidateAll();
  }

  /** How many entries the near tier holds now. */
  public long size() {
    return near.estimatedSize();
  }

  private static int stripe(byte[] key) {
    int hash = Arrays.hashCode(key);
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }

  /** Leaves the bus; the store itself is the registry's to close. */
  @Override
  public void close() {
    membership.close();
    near.invalidateAll();
  }
}
