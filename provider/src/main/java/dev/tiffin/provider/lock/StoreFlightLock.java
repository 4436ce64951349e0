package dev.tiffin.provider.lock;

import dev.tiffin.api.FlightLock;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.cache.CacheException;

/**
 * A lease on one cache key kept in the cache's own store, so every JVM sharing the store sees it:
 * taken and given back with the store's compare-and-set, holding a random token of its holder.
 *
 * <p>The lease is an ordinary expiry time. Redis drops the key by itself once it runs out; SQLite
 * keeps the row until swept, so an expired row is taken over by a compare-and-set on its old token.
 * Release compares against our own token, so a lease that ran out and went to another caller is
 * never released by us. A lock Tiffin takes for its own work is renewed until released (see
 * {@link LeaseKeeper}); one an application takes keeps the lease it asked for. Releasing flushes the
 * cache's writes first, so that one a write-behind cache still queues is seen by the lock's next holder.
 */
public final class StoreFlightLock implements FlightLock {

  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Longer waits are capped here (about 146 years), so that a deadline never overflows. */
  private static final long LONGEST_WAIT_NANOS = Long.MAX_VALUE / 2;

  private final ByteStore store;
  private final ByteStore writes;
  private final LongSupplier clock;
  private final byte[] lockKey;
  private final byte[] token;
  private final long leaseMillis;
  private final Object key;
  private final String cacheName;
  private final AtomicBoolean closing = new AtomicBoolean();
  /** Set once renewals must stop: the lease is given back, or kept to run out. */
  private volatile boolean released;
  private volatile LeaseKeeper keeper;

  private StoreFlightLock(LockSpace space, byte[] lockKey, Object key, byte[] token, long leaseMillis) {
    this.store = space.store();
    this.writes = space.writes();
    this.clock = space.clock();
    this.lockKey = lockKey;
    this.key = key;
    this.cacheName = space.cacheName();
    this.token = token;
    this.leaseMillis = leaseMillis;
  }

  /** As {@link #acquire}, with the lease renewed every third of it until the lock is released. */
  static StoreFlightLock acquireRenewed(LockSpace space, byte[] lockKey, Object key, Duration lease, Duration wait) {
    StoreFlightLock lock = acquire(space, lockKey, key, lease, wait);
    try {
      lock.keeper = LeaseKeeper.keep(lock);
    } catch (RuntimeException | Error e) {
      try {
        lock.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return lock;
  }

  /**
   * Takes the lock under {@code lockKey} in {@code space}, pausing 5 ms, doubling up to 50 ms, between
   * attempts while another caller holds a live lease; {@code key} only names it in errors.
   */
  static StoreFlightLock acquire(LockSpace space, byte[] lockKey, Object key, Duration lease, Duration wait) {
    long leaseMillis = leaseMillis(lease);
    long waitNanos = waitNanos(wait);
    byte[] token = newToken();
    long deadline = space.ticker().nanoTime() + waitNanos;
    long pause = FIRST_PAUSE_NANOS;
    while (!tryTake(space.store(), lockKey, token, leaseMillis, space.clock().getAsLong())) {
      long left = deadline - space.ticker().nanoTime();
      if (left <= 0) {
        throw new CacheException("Timed out after " + wait + " waiting for the lock on key " + key + " of cache "
            + space.cacheName() + ", held by another caller (maybe in another JVM) until it closes the lock or its"
            + " lease runs out; wait longer if the work done under the lock takes that long");
      }
      space.ticker().pauseOrFail(Math.min(pause, left), "the lock on key " + key + " of cache " + space.cacheName());
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
    return new StoreFlightLock(space, lockKey, key, token, leaseMillis);
  }

  /** One attempt: insert when absent, take over when the lease ran out, else give up. */
  private static boolean tryTake(ByteStore store, byte[] lockKey, byte[] token, long leaseMillis, long now) {
    StoredEntry held = store.get(lockKey);
    if (held != null && !held.isExpiredAt(now)) {
      return false;
    }
    return store.compareAndSet(lockKey, held == null ? null : held.value(), token, leaseEnd(now, leaseMillis));
  }

  private static long leaseEnd(long now, long leaseMillis) {
    return leaseMillis > StoredEntry.ETERNAL - now ? StoredEntry.ETERNAL : now + leaseMillis;
  }

  /** How long the lease runs from when it is taken or renewed. */
  long leaseMillis() {
    return leaseMillis;
  }

  /**
   * Starts the lease afresh from now if this caller still holds it, unexpired; whether it does. A lease
   * that ran out stays out: another caller may be taking it over at this moment.
   */
  boolean renew() {
    return !released && store.touch(lockKey, token, leaseEnd(clock.getAsLong(), leaseMillis));
  }

  /** Names the lock in logs. */
  String describe() {
    return "the lock on key " + key + " of cache " + cacheName;
  }

  /**
   * Writes what the cache still queues, then gives the lease back. When that write fails the lease is
   * kept until it runs out, unrenewed: the next holder must not read the store before it has the writes.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    boolean written = false;
    try {
      writes.flush();
      written = true;
    } catch (RuntimeException e) {
      throw new CacheException("Could not write what cache " + cacheName + " queued under " + describe()
          + ", so the lock stays taken until its lease runs out: " + e.getMessage(), e);
    } finally {
      stopRenewing();
      if (written) {
        store.compareAndSet(lockKey, token, null, 0);
      }
    }
  }

  private void stopRenewing() {
    released = true;
    LeaseKeeper renewing = keeper;
    if (renewing != null) {
      renewing.close();
    }
  }

  private static long leaseMillis(Duration lease) {
    requireNonNegative(lease, "lease");
    if (lease.compareTo(Duration.ofMillis(1)) < 0) {
      // A store that keeps expiry as a TTL in milliseconds would drop a shorter lease at once.
      throw new IllegalArgumentException("lease must be at least 1ms, was " + lease);
    }
    return lease.getSeconds() >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : lease.toMillis();
  }

  private static long waitNanos(Duration wait) {
    requireNonNegative(wait, "wait");
    return wait.compareTo(Duration.ofNanos(LONGEST_WAIT_NANOS)) > 0 ? LONGEST_WAIT_NANOS : wait.toNanos();
  }

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }

  private static byte[] newToken() {
    UUID uuid = UUID.randomUUID();
    return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
        .array();
  }

  @Override
  public String toString() {
    return "FlightLock[" + (closing.get() ? "closed" : "held") + "]";
  }
}
