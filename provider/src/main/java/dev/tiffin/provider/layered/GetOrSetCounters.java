package dev.tiffin.provider.layered;

import dev.tiffin.api.GetOrSetStatistics;
import java.util.concurrent.atomic.LongAdder;

/** The counts behind {@link GetOrSetStatistics}, cheap to bump from many threads. */
public final class GetOrSetCounters {

  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder staleServed = new LongAdder();
  final LongAdder factoryRuns = new LongAdder();
  final LongAdder factoryErrors = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder lockWaits = new LongAdder();

  /** The counts so far. */
  public GetOrSetStatistics snapshot() {
    return new GetOrSetStatistics(hits.sum(), misses.sum(), staleServed.sum(), factoryRuns.sum(),
        factoryErrors.sum(), timeouts.sum(), lockWaits.sum());
  }
}
