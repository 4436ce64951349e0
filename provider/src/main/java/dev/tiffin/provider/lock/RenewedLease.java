package dev.tiffin.provider.lock;

import dev.tiffin.api.FlightLock;
import dev.tiffin.spi.StoredEntry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A held store lock whose lease is renewed every third of it until it is closed, so work that outlasts
 * the lease keeps the lock, while a holder that dies still frees it within one lease.
 */
final class RenewedLease implements FlightLock {

  private static final System.Logger LOG = System.getLogger(RenewedLease.class.getName());

  private final StoreFlightLock lock;
  private final LockSpace space;
  private final Object key;
  private final long leaseMillis;
  private final Executor renewals;
  private volatile boolean closed;

  private RenewedLease(StoreFlightLock lock, LockSpace space, Object key, long leaseMillis, Executor executor) {
    this.lock = lock;
    this.space = space;
    this.key = key;
    this.leaseMillis = leaseMillis;
    // The JDK's one delay thread waits; the renewal itself runs on the cache's executor.
    this.renewals = CompletableFuture.delayedExecutor(Math.max(1, leaseMillis / 3), TimeUnit.MILLISECONDS, executor);
  }

  /** Keeps {@code lock}, taken with a lease of {@code leaseMillis}, renewed on {@code executor} until closed. */
  static FlightLock keep(StoreFlightLock lock, LockSpace space, Object key, long leaseMillis, Executor executor) {
    RenewedLease held = new RenewedLease(lock, space, key, leaseMillis, executor);
    held.scheduleNext();
    return held;
  }

  private void scheduleNext() {
    renewals.execute(this::renew);
  }

  private void renew() {
    if (closed) {
      return;
    }
    try {
      long now = space.clock().getAsLong();
      if (!lock.extend(leaseMillis > StoredEntry.ETERNAL - now ? StoredEntry.ETERNAL : now + leaseMillis)) {
        LOG.log(System.Logger.Level.WARNING, "Lost the lock on key " + key + " of cache " + space.cacheName()
            + ": its lease ran out before it could be renewed, and another caller may hold it now");
        return;
      }
    } catch (RuntimeException e) {
      // The store failed this once: the lease still has two thirds to run, so the next renewal may make it.
      LOG.log(System.Logger.Level.DEBUG, "Renewing the lock on key " + key + " of cache " + space.cacheName()
          + " failed", e);
    }
    scheduleNext();
  }

  @Override
  public void close() {
    closed = true;
    lock.close();
  }
}
