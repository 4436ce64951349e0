package dev.tiffin.provider;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.GetOrSetStatistics;
import dev.tiffin.api.StoredValue;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.api.ValueFactory;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.provider.entry.SimpleEntry;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.layered.GetOrSet;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.spi.StoredEntry;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** What {@code cache.unwrap(TiffinCache.class)} returns: Tiffin's operations beyond JCache, for one cache. */
final class TiffinCacheView<K, V> implements TiffinCache<K, V> {

  private final StoreBackedCache<K, V> cache;
  private final CacheContext<K, V> context;
  private final CacheSpace space;
  private final EntryEngine<K, V> engine;
  private final LockSpace locks;
  private final Counters<K, V> counters;
  private final GetOrSet<K, V> getOrSet;

  TiffinCacheView(StoreBackedCache<K, V> cache, CacheContext<K, V> context, EntryEngine<K, V> engine,
      LockSpace locks, GetOrSet<K, V> getOrSet) {
    this.cache = cache;
    this.context = context;
    this.space = context.space();
    this.engine = engine;
    this.locks = locks;
    this.counters = new Counters<>(space, context.expiry(), engine);
    this.getOrSet = getOrSet;
  }

  @Override
  public V getOrSet(K key, ValueFactory<V> factory) {
    return getOrSet(key, GetOrSetOptions.defaults(), factory);
  }

  @Override
  public V getOrSet(K key, GetOrSetOptions options, ValueFactory<V> factory) {
    cache.requireOpenAndKey(key);
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(factory, "factory");
    return getOrSet.getOrSet(key, options, factory);
  }

  @Override
  public void deleteByTag(String tag) {
    cache.requireOpen();
    getOrSet.deleteByTag(Objects.requireNonNull(tag, "tag"));
  }

  @Override
  public GetOrSetStatistics getOrSetStatistics() {
    return getOrSet.statistics();
  }

  @Override
  public Duration ping() {
    cache.requireOpen();
    long start = System.nanoTime();
    space.store().ping();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void put(K key, V value, Duration ttl) {
    cache.requireWritable(key, value);
    long expiresAt = expiresAfter(ttl);
    EventBatch<K, V> batch = context.events().batch();
    engine.apply(key, batch, context.writer().isActive(), null, state -> {
      state.setValue(value);
      state.fixExpiry(expiresAt);
      return null;
    });
    batch.dispatch();
  }

  @Override
  public void set(K key, V value, Duration ttl) {
    if (ttl == null) {
      cache.put(key, value);
    } else {
      put(key, value, ttl);
    }
  }

  @Override
  public V get(K key) {
    return cache.get(key);
  }

  @Override
  public boolean exists(K key) {
    return cache.containsKey(key);
  }

  @Override
  public boolean delete(K key) {
    return cache.remove(key);
  }

  @Override
  public void setNumeric(K key, long value) {
    cache.requireOpenAndKey(key);
    counters.set(key, value, null);
  }

  @Override
  public void setNumeric(K key, long value, Duration ttl) {
    cache.requireOpenAndKey(key);
    counters.set(key, value, expiresAfter(ttl));
  }

  @Override
  public long getNumeric(K key) {
    cache.requireOpenAndKey(key);
    return counters.get(key);
  }

  @Override
  public long incr(K key, long delta) {
    cache.requireOpenAndKey(key);
    return counters.add(key, delta);
  }

  @Override
  public boolean expire(K key, Duration ttl) {
    cache.requireOpenAndKey(key);
    long expiresAt = expiresAfter(ttl);
    EventBatch<K, V> batch = context.events().batch();
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
    return locks.lock(key, lease, wait);
  }

  private long expiresAfter(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
    }
    long now = space.now();
    long millis = ttl.toMillis();
    return millis > StoredEntry.ETERNAL - now ? StoredEntry.ETERNAL : now + millis;
  }

  @Override
  public Iterator<K> keys(String glob) {
    cache.requireOpen();
    Pattern pattern = Glob.compile(Objects.requireNonNull(glob, "glob"));
    return new CacheIterator<K, V>(space, null, (storeKey, stored) -> {
      if (stored.isExpiredAt(space.now())) {
        return null;
      }
      EntryState<K, V> state = engine.scanned(storeKey, stored);
      return state != null && pattern.matcher(String.valueOf(state.getKey())).matches()
          ? new SimpleEntry<>(state.getKey(), null) : null;
    }).keys();
  }

  @Override
  public Optional<StoredValue> inspect(K key) {
    cache.requireOpenAndKey(key);
    byte[] storeKey = space.keys().encode(key);
    StoredEntry stored = space.store().get(storeKey);
    if (stored == null || stored.isExpiredAt(space.now())) {
      return Optional.empty();
    }
    return Optional.of(space.values().inspect(storeKey, stored.value()));
  }

  @Override
  public long unreadableValues() {
    return context.unreadable().count();
  }

  @Override
  public String storeDescription() {
    return space.store().describe();
  }

  @Override
  public String toString() {
    return "TiffinCache[" + cache.getName() + " in " + space.store().describe() + "]";
  }
}
