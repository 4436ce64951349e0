package dev.tiffin.provider.store;

import dev.tiffin.api.StoreFailures;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.CacheException;

/** The counts behind {@link StoreFailures}, one per open store, kept by the layers that handle its failures. */
public final class StoreHealth {

  private final LongAdder answeredAsMisses = new LongAdder();
  private final LongAdder answeredFromNear = new LongAdder();
  private final LongAdder writesSkipped = new LongAdder();
  private final LongAdder failedCalls = new LongAdder();
  private final LongAdder failedProbes = new LongAdder();
  private final LongAdder breakerOpenings = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private volatile boolean breakerOpen;

  /**
   * Whether {@code e} says the store could not be reached or did not answer in time — every store
   * reports that as a {@link CacheException} — rather than an answer about the data.
   */
  public static boolean isStoreFailure(RuntimeException e) {
    return e instanceof CacheException;
  }

  void answeredAsMiss() {
    answeredAsMisses.increment();
  }

  void answeredFromNear() {
    answeredFromNear.increment();
  }

  void writeSkipped() {
    writesSkipped.increment();
  }

  void failedCall() {
    failedCalls.increment();
  }

  void failedProbe() {
    failedProbes.increment();
  }

  void rejected() {
    rejected.increment();
  }

  void breakerOpened() {
    breakerOpenings.increment();
    breakerOpen = true;
  }

  void breakerClosed() {
    breakerOpen = false;
  }

  /** The counts now. */
  public StoreFailures snapshot() {
    return new StoreFailures(answeredAsMisses.sum(), answeredFromNear.sum(), writesSkipped.sum(),
        failedCalls.sum(), failedProbes.sum(), breakerOpenings.sum(), rejected.sum(), breakerOpen);
  }
}
