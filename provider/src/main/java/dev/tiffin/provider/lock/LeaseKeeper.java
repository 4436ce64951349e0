package dev.tiffin.provider.lock;

import dev.tiffin.api.FlightLock;
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
public final class LeaseKeeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());
  private static final ScheduledThreadPoolExecutor RENEWALS = renewals();

  private final StoreFlightLock lock;
  private final String what;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> renewing;

  private LeaseKeeper(StoreFlightLock lock, String what) {
    this.lock = lock;
    this.what = what;
  }

  /** Renews {@code lock}, a lock this package took; {@code what} names it in logs. */
  public static LeaseKeeper keep(FlightLock lock, String what) {
    LeaseKeeper keeper = new LeaseKeeper((StoreFlightLock) lock, what);
    long period = Math.max(1, keeper.lock.leaseMillis() / 3);
    keeper.renewing = RENEWALS.scheduleWithFixedDelay(keeper::renew, period, period, TimeUnit.MILLISECONDS);
    if (keeper.closed) {
      // It lost the lock before the schedule was known, so could not cancel it then.
      keeper.close();
    }
    return keeper;
  }

  private static ScheduledThreadPoolExecutor renewals() {
    ScheduledThreadPoolExecutor renewals = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "tiffin-lease-renewal");
      thread.setDaemon(true);
      return thread;
    });
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
      if (!lock.renew()) {
        if (!closed) {
          LOG.log(System.Logger.Level.WARNING, "The lease of " + what + " ran out before it was renewed, and"
              + " another caller may hold the lock now");
        }
        close();
      }
    } catch (RuntimeException e) {
      // The lease runs on for two more periods: the next try may still be in time.
      LOG.log(System.Logger.Level.DEBUG, "Could not renew the lease of " + what + " (" + e.getMessage() + ")");
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
