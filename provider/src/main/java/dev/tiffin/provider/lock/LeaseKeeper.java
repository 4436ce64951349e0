package dev.tiffin.provider.lock;

import dev.tiffin.api.FlightLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a store lock's lease from running out while its holder works, renewing it every third of the
 * lease until closed. Renewals stop with the holder's JVM, so a crashed holder's lease still frees the
 * lock; they also stop once another caller has taken the lock over (a lease that ran out unrenewed).
 */
public final class LeaseKeeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

  private final StoreFlightLock lock;
  private final String what;
  private final Executor renewals;
  private volatile boolean closed;

  private LeaseKeeper(StoreFlightLock lock, String what, Executor executor) {
    this.lock = lock;
    this.what = what;
    this.renewals = CompletableFuture.delayedExecutor(Math.max(1, lock.leaseMillis() / 3), TimeUnit.MILLISECONDS,
        executor);
  }

  /** Renews {@code lock}, a lock this package took, on {@code executor}; {@code what} names it in logs. */
  public static LeaseKeeper keep(FlightLock lock, String what, Executor executor) {
    LeaseKeeper keeper = new LeaseKeeper((StoreFlightLock) lock, what, executor);
    keeper.renewLater();
    return keeper;
  }

  private void renewLater() {
    try {
      renewals.execute(this::renew);
    } catch (RejectedExecutionException shutDown) {
      // The provider is closing: the lease alone bounds the lock now.
    }
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
        return;
      }
    } catch (RuntimeException e) {
      // The lease runs on for two more periods: the next try may still be in time.
      LOG.log(System.Logger.Level.DEBUG, "Could not renew the lease of " + what + " (" + e.getMessage() + ")");
    }
    renewLater();
  }

  /** Stops renewing; the lock itself is released by its holder. */
  @Override
  public void close() {
    closed = true;
  }
}
