package dev.tiffin.api;

/**
 * How this JVM's callers of one store fared when it failed, since the store was opened; zero unless
 * {@code failures-as-misses} or the circuit breaker is configured.
 *
 * @param answeredAsMisses failed reads answered as a miss
 * @param answeredFromNear failed reads answered by the near tier's last copy
 * @param writesSkipped failed puts skipped
 * @param failedCalls calls the store failed, counted while a circuit breaker guards it (its probes apart)
 * @param failedProbes probes of an open breaker that the store failed
 * @param breakerOpenings times the circuit breaker opened
 * @param rejected calls not made because the breaker was open
 * @param breakerOpen whether the breaker is open now
 */
public record StoreFailures(long answeredAsMisses, long answeredFromNear, long writesSkipped, long failedCalls,
    long failedProbes, long breakerOpenings, long rejected, boolean breakerOpen) {
}
