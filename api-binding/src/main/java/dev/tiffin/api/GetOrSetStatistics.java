package dev.tiffin.api;

/**
 * What {@code getOrSet} did on one cache since it was opened, in this JVM. The standard JCache
 * statistics MXBean keeps its own meaning and does not count these.
 *
 * @param hits calls answered by a fresh value
 * @param misses calls that found no fresh value
 * @param staleServed calls answered by a stale value in its grace period (factory failed, timed out or backing off)
 * @param factoryRuns times a factory was started
 * @param factoryErrors times a factory threw or failed over
 * @param timeouts calls that stopped waiting at a soft or hard timeout
 * @param lockWaits calls that waited for another caller's factory, in this JVM or another
 */
public record GetOrSetStatistics(long hits, long misses, long staleServed, long factoryRuns, long factoryErrors,
    long timeouts, long lockWaits) {
}
