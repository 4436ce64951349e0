package dev.tiffin.provider;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.StoredValue;
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
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Tiffin's operations beyond JCache over one slice of a store: a cache's own keys, or one generation
 * of a namespace. Whether writes raise events and go through to a writer is chosen once, by whoever
 * builds it: a cache's slice does both as the cache is configured, a namespace does neither.
 */
final class SpaceOperations<K, V> {

  private final CacheSpace space;
  private final EntryEngine<K, V> engine;
  private final LockSpace locks;
  private final Counters<K, V> counters;
  private final GetOrSet<K, V> getOrSet;
  private final Supplier<EventBatch<K, V>> events;
  private final boolean writeThrough;

  SpaceOperations(CacheSpace space, EntryEngine<K, V> engine, LockSpace locks, Counters<K, V> counters,
      GetOrSet<K, V> getOrSet, Supplier<EventBatch<K, V>> events, boolean writeThrough) {
    this.space = space;
    this.engine = engine;
    this.locks = locks;
    this.counters = counters;
    this.getOrSet = getOrSet;
    this.events = events;
    this.writeThrough = writeThrough;
  }

  CacheSpace space() {
    return space;
  }

  Counters<K, V> counters() {
    return counters;
  }

  GetOrSet<K, V> getOrSet() {
    return getOrSet;
  }

  Duration ping() {
    long start = System.nanoTime();
    space.store().ping();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Stores a value expiring at {@code expiresAt}, or as the policy says for {@link EntryState#POLICY_DECIDES}. */
  void put(K key, V value, long expiresAt) {
    EventBatch<K, V> batch = events.get();
    engine.apply(key, batch, writeThrough, null, state -> {
      state.setValue(value);
      state.fixExpiry(expiresAt);
      return null;
    });
    batch.dispatch();
  }

  /** The live value, reading it as an access (the policy's access expiry applies). */
  V get(K key) {
    return engine.apply(key, EventBatch.none(), false, null, state -> {
      state.access();
      return state.wasLive() ? state.current() : null;
    }).result();
  }

  boolean exists(K key) {
    return engine.read(key).wasLive();
  }

  boolean delete(K key) {
    EventBatch<K, V> batch = events.get();
    boolean removed = engine.apply(key, batch, writeThrough, null, state -> {
      boolean live = state.wasLive();
      state.remove();
      return live;
    }).result();
    batch.dispatch();
    return removed;
  }

  boolean expire(K key, Duration ttl) {
    long expiresAt = expiresAfter(ttl);
    EventBatch<K, V> batch = events.get();
    boolean live = engine.apply(key, batch, false, null, state -> {
      state.access();
      state.fixExpiry(expiresAt);
      return state.wasLive();
    }).result();
    batch.dispatch();
    return live;
  }

  FlightLock lock(K key, Duration lease, Duration wait) {
    return locks.lock(key, lease, wait);
  }

  V getOrSet(K key, GetOrSetOptions options, ValueFactory<V> factory) {
    return getOrSet.getOrSet(key, options, factory);
  }

  Iterator<K> keys(String glob) {
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

  Optional<StoredValue> inspect(K key) {
    byte[] storeKey = space.keys().encode(key);
    StoredEntry stored = space.store().get(storeKey);
    if (stored == null || stored.isExpiredAt(space.now())) {
      return Optional.empty();
    }
    return Optional.of(space.values().inspect(storeKey, stored.value()));
  }

  /** The expiry time {@code ttl} from now. */
  long expiresAfter(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
    }
    long now = space.now();
    long millis = ttl.toMillis();
    return millis > StoredEntry.ETERNAL - now ? StoredEntry.ETERNAL : now + millis;
  }
}
