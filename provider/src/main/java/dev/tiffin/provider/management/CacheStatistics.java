package dev.tiffin.provider.management;

import dev.tiffin.provider.entry.EntryOperation;
import dev.tiffin.provider.entry.EntryState;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics: counters that cost nothing while statistics are disabled.
 *
 * <p>Average times are in microseconds, as {@link CacheStatisticsMXBean} defines them.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private volatile boolean enabled;

  /** Turns recording on or off; counts already recorded stay. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Whether statistics are being recorded. */
  public boolean isEnabled() {
    return enabled;
  }

  /** A start time for an operation, or 0 when disabled (no clock read). */
  public long start() {
    return enabled ? System.nanoTime() : 0;
  }

  /**
   * Records what one single-key operation did, from the state it decided on: a hit or a miss when
   * it {@code reads} the entry, a put when it created (and kept) or updated one, a removal when it
   * removed a live one. Every single-key operation's statistics follow from these rules.
   */
  public void record(EntryState<?, ?> state, boolean reads, long start) {
    if (!enabled) {
      return;
    }
    if (reads) {
      recordGet(state.wasLive() ? 1 : 0, state.wasLive() ? 0 : 1, start);
    }
    EntryOperation operation = state.operation();
    boolean put = (operation == EntryOperation.CREATE && !state.isDiscarded()) || operation == EntryOperation.UPDATE;
    recordPuts(put ? 1 : 0, start);
    recordRemovals(operation == EntryOperation.REMOVE && state.wasLive() ? 1 : 0, start);
  }

  /** Records read outcomes and the time since {@code start}. */
  public void recordGet(long hitCount, long missCount, long start) {
    if (enabled) {
      hits.add(hitCount);
      misses.add(missCount);
      getNanos.add(System.nanoTime() - start);
    }
  }

  /** Records puts and the time since {@code start}. */
  public void recordPuts(long count, long start) {
    if (enabled && count > 0) {
      puts.add(count);
      putNanos.add(System.nanoTime() - start);
    }
  }

  /** Records removals and the time since {@code start}. */
  public void recordRemovals(long count, long start) {
    if (enabled && count > 0) {
      removals.add(count);
      removeNanos.add(System.nanoTime() - start);
    }
  }

  @Override
  public void clear() {
    for (LongAdder adder : new LongAdder[] {hits, misses, puts, removals, getNanos, putNanos, removeNanos}) {
      adder.reset();
    }
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0 : 100f * getCacheHits() / gets;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0 : 100f * getCacheMisses() / gets;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  /** Always 0: Tiffin's stores expire entries but never evict live ones. */
  @Override
  public long getCacheEvictions() {
    return 0;
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private static float averageMicros(long nanos, long count) {
    return count == 0 ? 0 : (nanos / 1000f) / count;
  }
}
