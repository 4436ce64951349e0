package dev.tiffin.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What a store's callers do when it fails ({@code tiffin.store.<name>.failures-as-misses},
 * {@code tiffin.store.<name>.breaker.*}); by default every failure is thrown.
 *
 * @param asMisses whether a failed read is answered as a miss (or from the near tier) and a failed
 *     put is skipped, both logged and counted, instead of throwing
 * @param breakerFailures failed calls in a row that open the circuit breaker; 0 turns it off
 * @param breakerOpenFor how long an open breaker fails calls at once before it probes the store
 */
public record FailureSettings(boolean asMisses, long breakerFailures, Duration breakerOpenFor) {

  /** How long an open breaker waits before probing when nothing else is configured. */
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(5);

  /** Checks the values. */
  public FailureSettings {
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
    if (breakerFailures < 0 || breakerOpenFor.isNegative() || breakerOpenFor.isZero()) {
      throw new IllegalArgumentException("breaker: failures must be >= 0 and open-for positive");
    }
  }

  /** Every failure thrown, no breaker: the default. */
  public static FailureSettings off() {
    return new FailureSettings(false, 0, DEFAULT_OPEN_FOR);
  }

  /** Whether a circuit breaker guards the store. */
  public boolean breaker() {
    return breakerFailures > 0;
  }
}
