package dev.tiffin.provider.layered;

import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.GetOrSetStatistics;
import dev.tiffin.api.ValueFactory;
import dev.tiffin.provider.codec.EntryMetadata;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.provider.near.ImmutableValues;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.cache.CacheException;

/**
 * {@code getOrSet} for one cache: a fresh value in one read, else one factory run per key at a time —
 * in this JVM through a shared in-flight future, across JVMs through the key's store lock (the one
 * {@code TiffinCache.lock} takes) — with grace, back-off and timeouts deciding when a stale value
 * answers instead.
 *
 * <p>A value stored with a grace period or tags carries an {@link EntryMetadata} header: the store
 * keeps it for ttl + grace, the header says when it stops being fresh. Without either, it is stored
 * as a plain entry expiring at its ttl.
 */
public final class GetOrSet<K, V> {

  /** A store lock outlives its holder's crash by at most this; while the factory runs it is renewed. */
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final CacheSpace space;
  private final LogicalExpiryStore store;
  private final EntryEngine<K, V> engine;
  private final ExpiryCalculator expiry;
  private final FactoryLocks factoryLocks;
  private final TagInvalidations tags;
  private final Executor executor;
  private final GetOrSetCounters counters;
  private final RunsInFlight<V> flights;

  /**
   * Serves {@code getOrSet} over {@code space}, whose store must be a {@link LogicalExpiryStore};
   * factories with a timeout run on {@code executor}; runs under way are in {@code flights}, shared with
   * the cache's namespaces; what happens is counted in {@code counters}.
   */
  public GetOrSet(CacheSpace space, EntryEngine<K, V> engine, ExpiryCalculator expiry, LockSpace locks,
      Executor executor, RunsInFlight<V> flights, GetOrSetCounters counters) {
    this(space, engine, expiry, locks, executor, flights, counters, LEASE);
  }

  /** As above, with store locks taken on {@code lease}. */
  GetOrSet(CacheSpace space, EntryEngine<K, V> engine, ExpiryCalculator expiry, LockSpace locks,
      Executor executor, RunsInFlight<V> flights, GetOrSetCounters counters, Duration lease) {
    this.factoryLocks = new FactoryLocks(locks, lease, counters);
    this.flights = flights;
    this.counters = counters;
    this.space = space;
    this.store = (LogicalExpiryStore) space.store();
    this.engine = engine;
    this.expiry = expiry;
    this.tags = store.tags();
    this.executor = executor;
  }

  /** The fresh value of {@code key}, or the one {@code factory} computes, as {@code options} say. */
  public V getOrSet(K key, GetOrSetOptions options, ValueFactory<V> factory) {
    byte[] storeKey = space.keys().encode(key);
    long now = space.now();
    Found<V> found = read(storeKey, now);
    if (found.fresh() && !options.forceFresh()) {
      counters.hits.increment();
      return found.value();
    }
    counters.misses.increment();
    if (found.isStale() && found.backingOffAt(now) && !options.forceFresh()) {
      counters.staleServed.increment();
      return found.value();
    }
    CompletableFuture<Outcome<V>> mine = new CompletableFuture<>();
    // A forced refresh never settles for another caller's run, which may end in a plain read.
    CompletableFuture<Outcome<V>> flight = options.forceFresh() ? null : flights.joinOrStart(storeKey, mine);
    if (flight != null) {
      counters.lockWaits.increment();
    } else {
      flight = mine;
      Runnable run = () -> {
        try {
          mine.complete(refresh(key, storeKey, options, factory, found));
        } catch (Throwable failure) {
          mine.completeExceptionally(failure);
        } finally {
          flights.ended(storeKey, mine);
        }
      };
      // Only a caller that may stop waiting needs the factory on another thread.
      if (options.softTimeout().isPresent() || options.hardTimeout().isPresent()) {
        try {
          executor.execute(run);
        } catch (RuntimeException rejected) {
          // Nobody will run it: the next caller must not join a flight that never lands.
          flights.ended(storeKey, mine);
          mine.completeExceptionally(new CacheException("getOrSet of key " + key + " in cache " + space.cacheName()
              + " could not start its factory: the executor refused it (" + rejected + ")", rejected));
        }
      } else {
        run.run();
      }
    }
    Outcome<V> outcome = await(key, storeKey, flight, found, options);
    return flight == mine ? outcome.value() : detached(storeKey, outcome);
  }

  /**
   * A caller that joined another's run gets a copy of its own, decoded from the bytes the run stored
   * or read, as any read gives (store-by-value); a value never stored is shared as it is.
   */
  private V detached(byte[] storeKey, Outcome<V> outcome) {
    V value = outcome.value();
    if (value == null || outcome.bytes() == null || ImmutableValues.isImmutable(value)) {
      return value;
    }
    V copy = engine.decodeOrAbsent(storeKey, outcome.bytes());
    return copy != null ? copy : value;
  }

  /** Invalidates every entry tagged {@code tag}. */
  public void deleteByTag(String tag) {
    tags.invalidate(tag);
  }

  /** What {@code getOrSet} did so far. */
  public GetOrSetStatistics statistics() {
    return counters.snapshot();
  }

  private Outcome<V> await(K key, byte[] storeKey, CompletableFuture<Outcome<V>> flight, Found<V> found,
      GetOrSetOptions options) {
    Duration hard = options.hardTimeout().orElse(null);
    Duration soft = found.isStale() ? options.softTimeout().filter(t -> hard == null || t.compareTo(hard) < 0)
        .orElse(null) : null;
    Outcome<V> outcome;
    try {
      outcome = soft != null ? awaitSoftly(storeKey, flight, soft, hard, found) : within(flight, hard);
    } catch (TimeoutException e) {
      counters.timeouts.increment();
      outcome = fallback(storeKey, found);
      if (outcome == null) {
        throw new CacheException("getOrSet of key " + key + " in cache " + space.cacheName() + " gave up after its"
            + " hard timeout of " + hard + "; the factory keeps running and stores its value when it finishes");
      }
    } catch (ExecutionException e) {
      outcome = fallback(storeKey, found);
      if (outcome == null) {
        Throwable cause = e.getCause();
        if (cause instanceof CacheException known) {
          throw known;
        }
        throw new CacheException("The getOrSet factory of key " + key + " in cache " + space.cacheName()
            + " failed: " + cause, cause);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while getOrSet of key " + key + " in cache " + space.cacheName()
          + " waited for its factory");
    }
    if (outcome.stale()) {
      counters.staleServed.increment();
    }
    return outcome;
  }

  /**
   * Waits the soft timeout, then answers with what the store keeps; if the stale value's grace ran out
   * meanwhile, waits on for what is left of the hard timeout (or for as long as it takes, without one).
   */
  private Outcome<V> awaitSoftly(byte[] storeKey, CompletableFuture<Outcome<V>> flight, Duration soft, Duration hard,
      Found<V> found) throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return within(flight, soft);
    } catch (TimeoutException e) {
      Outcome<V> kept = fallback(storeKey, found);
      if (kept != null) {
        counters.timeouts.increment();
        return kept;
      }
      return within(flight, hard == null ? null : hard.minus(soft));
    }
  }

  /**
   * For a caller that had a stale value and stopped waiting: what the store keeps now (read again: its
   * grace may have run out while the caller waited, and some stores do not say when), or {@code null};
   * the stale value it had when the store cannot answer.
   */
  private Outcome<V> fallback(byte[] storeKey, Found<V> found) {
    if (!found.isStale()) {
      return null;
    }
    try {
      return read(storeKey, space.now()).asOutcome();
    } catch (RuntimeException storeFailed) {
      return found.asOutcome();
    }
  }

  private static <T> T within(CompletableFuture<T> flight, Duration wait)
      throws InterruptedException, ExecutionException, TimeoutException {
    return wait == null ? flight.get() : flight.get(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Runs the factory under the key's store lock, unless a fresh value arrived meanwhile, and stores its value. */
  private Outcome<V> refresh(K key, byte[] storeKey, GetOrSetOptions options, ValueFactory<V> factory,
      Found<V> found) throws Exception {
    boolean interrupted = false;
    try (FactoryLocks.Held held = factoryLocks.take(key, options.lockTimeout())) {
      Found<V> current = options.forceFresh() ? found : read(storeKey, space.now());
      if (current.fresh() && !options.forceFresh()) {
        // Another JVM computed it while we waited for the lock.
        return current.asOutcome();
      }
      if (current.isStale() && current.backingOffAt(space.now()) && !options.forceFresh()) {
        // The caller before us failed and backed off: nobody tries again before the back-off ends.
        return current.asOutcome();
      }
      FactoryRun<V> run = new FactoryRun<>(current.isStale() ? current.value() : null,
          options.ttl().orElse(null));
      // Taken before the factory reads anything: a tag invalidated while it runs drops its value.
      long createdAt = createdAt(options);
      counters.factoryRuns.increment();
      V value;
      try {
        value = factory.create(run);
      } catch (InterruptedException e) {
        // Not the factory failing: no back-off, and the interrupt is restored once the lock is given back.
        interrupted = true;
        throw new CacheException("The getOrSet factory of key " + key + " in cache " + space.cacheName()
            + " was interrupted", e);
      } catch (Exception | Error e) {
        counters.factoryErrors.increment();
        if (current.isStale()) {
          backOff(storeKey, current, options);
          return current.asOutcome();
        }
        throw e;
      }
      if (run.failedOver()) {
        counters.factoryErrors.increment();
        backOff(storeKey, current, options);
        return current.asOutcome();
      }
      byte[] stored = value != null && !run.skipped() ? store(storeKey, value, run.ttl(), options, createdAt) : null;
      return new Outcome<>(value, stored, false);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stores the value; returns the bytes stored, or {@code null} when its ttl left nothing to store. */
  private byte[] store(byte[] storeKey, V value, Duration ttl, GetOrSetOptions options, long createdAt) {
    long now = space.now();
    long freshUntil = ttl != null ? plus(now, ttl) : expiry.forCreation(now);
    if (freshUntil <= now) {
      return null;
    }
    byte[] bytes = space.values().encode(storeKey, value);
    long retainedUntil = freshUntil;
    if (!options.grace().isZero() || !options.tags().isEmpty()) {
      bytes = new EntryMetadata(freshUntil, createdAt, 0, options.tags()).wrap(bytes);
      retainedUntil = plus(freshUntil, options.grace());
    }
    store.put(storeKey, bytes, retainedUntil, retainedUntil);
    return bytes;
  }

  /** When a value computed from now on is created: strictly after its tags' latest invalidation, even in the same millisecond. */
  private long createdAt(GetOrSetOptions options) {
    long createdAt = space.now();
    for (long invalidatedAt : tags.times(options.tags()).values()) {
      createdAt = Math.max(createdAt, invalidatedAt + 1);
    }
    return createdAt;
  }

  /** After a failed refresh, marks the stale value so nobody tries again before the back-off ends. */
  private void backOff(byte[] storeKey, Found<V> stale, GetOrSetOptions options) {
    if (options.graceBackoff().isZero()) {
      return;
    }
    byte[] marked = stale.metadata().backingOffUntil(plus(space.now(), options.graceBackoff()))
        .wrap(EntryMetadata.value(stale.stored()));
    // Losing the race to a newer value is fine: it is fresher than a back-off.
    store.compareAndSet(storeKey, stale.stored(), marked, ByteStore.KEEP_EXPIRY);
  }

  /** What the store holds under {@code storeKey} for getOrSet: fresh, stale in its grace period, or nothing. */
  private Found<V> read(byte[] storeKey, long now) {
    StoredEntry stored = store.getStored(storeKey);
    if (stored == null || stored.isExpiredAt(now)) {
      return Found.none();
    }
    EntryMetadata metadata = EntryMetadata.read(stored.value());
    if (metadata != null && !metadata.tags().isEmpty() && tags.invalidated(metadata)) {
      return Found.none();
    }
    V value = engine.decodeOrAbsent(storeKey, stored.value());
    if (value == null) {
      return Found.none();
    }
    return new Found<>(value, stored.value(), metadata, metadata == null || metadata.freshUntil() > now);
  }

  private static long plus(long time, Duration duration) {
    long millis = duration.toMillis();
    return millis >= StoredEntry.ETERNAL - time ? StoredEntry.ETERNAL : time + millis;
  }

  /** What a factory run gave its waiters: a new value, or the stale one it fell back on, and its stored bytes. */
  record Outcome<V>(V value, byte[] bytes, boolean stale) {
  }
}
