package dev.tiffin.provider.lock;

import dev.tiffin.provider.async.DetachedThreads;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a store lock's lease from running out while its holder works, renewing it every third of the
 * lease until closed. Renewals stop with the holder's JVM, so a crashed holder's lease still frees the
 * lock; they also stop once another caller has taken the lock over (a lease that ran out unrenewed).
 *
 * <p>They run on one daemon thread of their own, never behind the factories on the application's
 * executor, and the thread ends after 5 idle seconds.
 */
final class LeaseKeeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());
  private static final ScheduledThreadPoolExecutor RENEWALS = renewals();

  private final StoreFlightLock lock;
  private volatile long renewedAt = System.nanoTime();
  private volatile boolean closed;
  private boolean warnedUnrenewed;
  private volatile ScheduledFuture<?> renewing;

  private LeaseKeeper(StoreFlightLock lock) {
    this.lock = lock;
  }

  /** Renews {@code lock} until closed. */
  static LeaseKeeper keep(StoreFlightLock lock) {
    LeaseKeeper keeper = new LeaseKeeper(lock);
    long period = Math.max(1, keeper.lock.leaseMillis() / 3);
    keeper.renewing = RENEWALS.scheduleWithFixedDelay(keeper::renew, period, period, TimeUnit.MILLISECONDS);
    if (keeper.closed) {
      // It lost the lock before the schedule was known, so could not cancel it then.
      keeper.close();
    }
    return keeper;
  }

  private static ScheduledThreadPoolExecutor renewals() {
    // Started by whichever caller schedules first: it must not keep that caller's class loader alive.
    ScheduledThreadPoolExecutor renewals =
        new ScheduledThreadPoolExecutor(1, runnable -> DetachedThreads.create("tiffin-lease-renewal", runnable));
    renewals.setKeepAliveTime(5, TimeUnit.SECONDS);
    renewals.allowCoreThreadTimeOut(true);
    renewals.setRemoveOnCancelPolicy(true);
    return renewals;
  }

  private void renew() {
    if (closed) {
      return;
    }
    try {
      if (lock.renew()) {
        renewedAt = System.nanoTime();
      } else {
        if (!closed) {
          LOG.log(System.Logger.Level.WARNING, "The lease of " + lock.describe() + " ran out before it was renewed, and"
              + " another caller may hold the lock now");
        }
        close();
      }
    } catch (RuntimeException | Error e) {
      // Caught whatever it is: a periodic task that throws is never run again, and the lease would lapse.
      notRenewed(e);
    }
  }

  /** The lease runs on for two more periods, so the next try may be in time; once it cannot be, that is said. */
  private void notRenewed(Throwable failure) {
    if (!warnedUnrenewed && System.nanoTime() - renewedAt >= TimeUnit.MILLISECONDS.toNanos(lock.leaseMillis())) {
      warnedUnrenewed = true;
      LOG.log(System.Logger.Level.WARNING, "Could not renew the lease of " + lock.describe() + " for as long as it lasts ("
          + failure + "): another caller may take the lock");
    } else {
      LOG.log(System.Logger.Level.DEBUG, "Could not renew the lease of " + lock.describe() + " (" + failure + ")");
    }
  }

  /** Stops renewing; the lock itself is released by its holder. */
  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> scheduled = renewing;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }
}
