package dev.tiffin.provider.time;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Time a test drives: a wall clock and a monotonic clock that only move when the test advances
 * them or code under test pauses (a pause advances time at once instead of sleeping). Both start
 * at a random epoch, as Caffeine's tests do, so no code can depend on time starting at zero.
 */
public final class FakeTime implements LongSupplier, Ticker {

  private final AtomicLong nanos = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60));
  private final long wallOffsetMillis = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 2_000_000_000_000L)
      - TimeUnit.NANOSECONDS.toMillis(nanos.get());
  private final AtomicLong pauses = new AtomicLong();

  /** Wall-clock milliseconds. */
  @Override
  public long getAsLong() {
    return wallOffsetMillis + TimeUnit.NANOSECONDS.toMillis(nanos.get());
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void pause(long pauseNanos) {
    pauses.incrementAndGet();
    nanos.addAndGet(Math.max(1, pauseNanos));
  }

  /** Moves both clocks forward. */
  public void advance(long amount, TimeUnit unit) {
    nanos.addAndGet(unit.toNanos(amount));
  }

  /** How many times code paused on this clock. */
  public long pauses() {
    return pauses.get();
  }
}
