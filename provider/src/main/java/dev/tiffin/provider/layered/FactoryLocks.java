package dev.tiffin.provider.layered;

import dev.tiffin.api.FlightLock;
import dev.tiffin.provider.lock.LockSpace;
import java.time.Duration;
import javax.cache.CacheException;

/**
 * The store locks getOrSet factories run under, one per key across JVMs: taken at once or after
 * waiting for another JVM's run, renewed while held so a slow factory keeps it, and given back
 * without failing a value already stored.
 */
final class FactoryLocks {

  private static final System.Logger LOG = System.getLogger(FactoryLocks.class.getName());

  private final LockSpace locks;
  private final Duration lease;
  private final GetOrSetCounters counters;

  /** Locks in {@code locks} on {@code lease}; waits are counted in {@code counters}. */
  FactoryLocks(LockSpace locks, Duration lease, GetOrSetCounters counters) {
    this.locks = locks;
    this.lease = lease;
    this.counters = counters;
  }

  /** Takes the lock on {@code key}, waiting up to {@code lockTimeout} while another caller holds it. */
  Held take(Object key, Duration lockTimeout) {
    try {
      return new Held(locks.renewedLock(key, lease, Duration.ZERO), key, locks.cacheName());
    } catch (CacheException busy) {
      // Another JVM runs the factory: wait for it, then read what it stored.
      counters.lockWaits.increment();
      return new Held(locks.renewedLock(key, lease, lockTimeout), key, locks.cacheName());
    }
  }

  /** A lock held, and renewed until closed. */
  record Held(FlightLock lock, Object key, String cacheName) implements AutoCloseable {

    /** Gives the lock back; one that cannot be given back is freed by its lease. */
    @Override
    public void close() {
      try {
        lock.close();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "getOrSet could not release the lock on key " + key + " of cache "
            + cacheName + " (" + e.getMessage() + "); its lease frees it");
      }
    }
  }
}
