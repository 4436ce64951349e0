package dev.tiffin.provider;

import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.SimpleEntry;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.spi.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one-round-trip shortcuts, for caches with a standard expiry policy (whose answers are fixed,
 * so asking them up front is harmless) and only while nobody listens for events:
 *
 * <ul>
 *   <li>a read is one {@code GET} (or {@code GETEX} setting the access expiry, one SQLite
 *       {@code SELECT}), settling a hit, and a plain miss when there is no loader;</li>
 *   <li>a put is one upsert that picks the creation or update expiry in the store;</li>
 *   <li>a {@code putAll} is one bulk write (a Redis pipeline, one SQLite transaction).</li>
 * </ul>
 *
 * <p>With a writer, a put holds the key's write lock around the writer and the upsert, so the
 * writer's store and the cache see writes to a key in the same order.
 */
final class OneRoundTrip<K, V> implements AccessPath<K, V> {

  private final CacheContext<K, V> context;
  private final EntryEngine<K, V> engine;
  private final KeyLocks writeLocks;

  OneRoundTrip(CacheContext<K, V> context, EntryEngine<K, V> engine, KeyLocks writeLocks) {
    this.context = context;
    this.engine = engine;
    this.writeLocks = writeLocks;
  }

  @Override
  public ReadOutcome<V> read(K key) {
    CacheSpace space = context.space();
    long now = space.now();
    long expiresAt = context.expiry().forAccess(now);
    byte[] storeKey = space.keys().encode(key);
    StoredEntry stored = expiresAt == ExpiryCalculator.UNCHANGED ? space.store().get(storeKey)
        : space.store().getAndTouch(storeKey, expiresAt, now);
    boolean plainMiss = context.readThrough() == null && !context.events().hasListeners();
    if (stored == null) {
      return plainMiss ? new ReadOutcome<>(false, null) : null;
    }
    if (stored.isExpiredAt(now)) {
      // An expired row may owe an EXPIRED event or a load: the engine decides.
      return null;
    }
    // An unreadable value is a miss; decoding it once is enough (it has been counted and logged).
    V value = engine.decodeOrAbsent(storeKey, stored.value());
    return value != null ? new ReadOutcome<>(true, value) : plainMiss ? new ReadOutcome<>(false, null) : null;
  }

  @Override
  public boolean put(K key, V value) {
    Optional<ExpiryCalculator.PutExpiry> expiresAt = context.expiry().forBlindPut(context.space().now());
    if (expiresAt.isEmpty() || context.events().hasListeners()) {
      return false;
    }
    byte[] storeKey = context.space().keys().encode(key);
    try (KeyLocks.Held held = writeLocks.lock(key, storeKey)) {
      context.writer().write(new SimpleEntry<>(key, value));
      context.space().store().put(storeKey, context.space().values().encode(storeKey, value),
          expiresAt.get().ifCreated(), expiresAt.get().ifUpdated());
    }
    return true;
  }

  @Override
  public int putAll(Map<? extends K, ? extends V> map, Set<Object> skipped) {
    Optional<ExpiryCalculator.PutExpiry> expiresAt = context.expiry().forBlindPut(context.space().now());
    if (expiresAt.isEmpty() || context.events().hasListeners()) {
      return -1;
    }
    List<byte[]> storeKeys = new ArrayList<>(map.size());
    List<byte[]> storeValues = new ArrayList<>(map.size());
    map.forEach((key, value) -> {
      if (!skipped.contains(key)) {
        byte[] storeKey = context.space().keys().encode(key);
        storeKeys.add(storeKey);
        storeValues.add(context.space().values().encode(storeKey, value));
      }
    });
    context.space().store().putAll(storeKeys, storeValues, expiresAt.get().ifCreated(), expiresAt.get().ifUpdated());
    return storeKeys.size();
  }
}
