package dev.tiffin.cdi.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition to become true; never used to make time pass for an assertion. */
public final class Waiting {

  private static final Duration LIMIT = Duration.ofSeconds(20);

  private Waiting() {
  }

  /** Polls {@code condition} until it holds, failing the test after a generous limit. */
  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out waiting until " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** True when every thread is parked (waiting on a latch, a future or a lock). */
  public static boolean allParked(Collection<Thread> threads) {
    return threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
        || t.getState() == Thread.State.TIMED_WAITING);
  }
}
