package dev.tiffin.provider;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.StoredValue;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.event.EventDispatcher;
import dev.tiffin.provider.processor.EntryState;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** What {@code cache.unwrap(TiffinCache.class)} returns: Tiffin's operations beyond JCache, for one cache. */
final class TiffinExtension<K, V> implements TiffinCache<K, V> {

  private final StoreBackedCache<K, V> cache;
  private final EntryEngine<K, V> engine;
  private final EventDispatcher<K, V> events;
  private final ByteStore store;
  private final KeyCodec keys;
  private final EnvelopeCodec values;
  private final UnreadableValues unreadable;
  private final LongSupplier clock;

  TiffinExtension(StoreBackedCache<K, V> cache, EntryEngine<K, V> engine, EventDispatcher<K, V> events,
      ByteStore store, KeyCodec keys, EnvelopeCodec values, UnreadableValues unreadable, LongSupplier clock) {
    this.cache = cache;
    this.engine = engine;
    this.events = events;
    this.store = store;
    this.keys = keys;
    this.values = values;
    this.unreadable = unreadable;
    this.clock = clock;
  }

  @Override
  public Duration ping() {
    cache.requireOpen();
    long start = System.nanoTime();
    store.ping();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void put(K key, V value, Duration ttl) {
    cache.requireWritable(key, value);
    long expiresAt = expiresAfter(ttl);
    EventBatch<K, V> batch = events.batch();
    engine.apply(key, batch, cache.isWriteThrough(), null, state -> {
      state.setValue(value);
      state.fixExpiry(expiresAt);
      return null;
    });
    batch.dispatch();
  }

  @Override
  public boolean expire(K key, Duration ttl) {
    cache.requireOpenAndKey(key);
    long expiresAt = expiresAfter(ttl);
    EventBatch<K, V> batch = events.batch();
    boolean live = engine.apply(key, batch, false, null, state -> {
      state.access();
      state.fixExpiry(expiresAt);
      return state.wasLive();
    }).result();
    batch.dispatch();
    return live;
  }

  @Override
  public FlightLock lock(K key, Duration lease, Duration wait) {
    cache.requireOpenAndKey(key);
    return StoreFlightLock.acquire(store, keys.lockKey(key), lease, wait, clock, cache.getName(), key);
  }

  private long expiresAfter(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
    }
    long now = clock.getAsLong();
    long millis = ttl.toMillis();
    return millis > StoredEntry.ETERNAL - now ? StoredEntry.ETERNAL : now + millis;
  }

  @Override
  public Iterator<K> keys(String glob) {
    cache.requireOpen();
    Pattern pattern = Glob.compile(Objects.requireNonNull(glob, "glob"));
    return new CacheIterator<>(cache, store, keys.prefix(), (storeKey, stored) -> {
      if (stored.isExpiredAt(clock.getAsLong())) {
        return null;
      }
      EntryState<K, V> state = cache.stateOf(storeKey, stored);
      return state != null && pattern.matcher(String.valueOf(state.getKey())).matches()
          ? new SimpleEntry<>(state.getKey(), null) : null;
    }).keys();
  }

  @Override
  public Optional<StoredValue> inspect(K key) {
    cache.requireOpenAndKey(key);
    byte[] storeKey = keys.encode(key);
    StoredEntry stored = store.get(storeKey);
    if (stored == null || stored.isExpiredAt(clock.getAsLong())) {
      return Optional.empty();
    }
    return Optional.of(values.inspect(storeKey, stored.value()));
  }

  @Override
  public long unreadableValues() {
    return unreadable.count();
  }

  @Override
  public String storeDescription() {
    return store.describe();
  }

  @Override
  public String toString() {
    return "TiffinCache[" + cache.getName() + " in " + store.describe() + "]";
  }
}
