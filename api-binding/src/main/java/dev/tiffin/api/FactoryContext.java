package dev.tiffin.api;

import java.time.Duration;
import java.util.Optional;

/** What a {@link ValueFactory} knows and may decide while {@code getOrSet} runs it. */
public interface FactoryContext<V> {

  /** The value past its ttl but still in its grace period, if the cache holds one. */
  Optional<V> staleValue();

  /** Stores the computed value for {@code ttl} instead of the ttl the options gave (adaptive caching). */
  void setTtl(Duration ttl);

  /** Returns the computed value to the caller without storing it. */
  void skipCaching();

  /**
   * Gives up on this refresh and answers with the stale value, as if the factory had failed: nothing
   * is stored and the next refresh waits for the grace back-off. Use it as {@code return context.failOver();}.
   *
   * @throws IllegalStateException when there is no stale value to fail over to
   */
  V failOver();
}
