package dev.tiffin.provider.time;

import java.util.concurrent.locks.LockSupport;
import javax.cache.CacheException;

/**
 * The monotonic time every wait in Tiffin is measured and spent with, so tests can drive waits
 * with a fake clock instead of sleeping.
 */
public interface Ticker {

  /** The system's monotonic clock and real pauses. */
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void pause(long nanos) {
      LockSupport.parkNanos(nanos);
    }
  };

  /** A monotonic time in nanoseconds, only meaningful as a difference. */
  long nanoTime();

  /** Waits about {@code nanos}; may return early. */
  void pause(long nanos);

  /** Pauses, turning an interrupt into a {@link CacheException} that says what was being waited for. */
  default void pauseOrFail(long nanos, String waitingFor) {
    pause(nanos);
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting for " + waitingFor);
    }
  }
}
