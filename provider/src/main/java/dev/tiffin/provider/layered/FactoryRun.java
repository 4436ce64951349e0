package dev.tiffin.provider.layered;

import dev.tiffin.api.FactoryContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** One run of a {@code getOrSet} factory: the stale value it may fall back on, and what it decided. */
final class FactoryRun<V> implements FactoryContext<V> {

  private final V stale;
  private Duration ttl;
  private boolean skipped;
  private boolean failedOver;

  FactoryRun(V stale, Duration ttl) {
    this.stale = stale;
    this.ttl = ttl;
  }

  @Override
  public Optional<V> staleValue() {
    return Optional.ofNullable(stale);
  }

  @Override
  public void setTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    this.ttl = ttl;
  }

  @Override
  public void skipCaching() {
    skipped = true;
  }

  @Override
  public V failOver() {
    if (stale == null) {
      throw new IllegalStateException("There is no stale value to fail over to: the cache holds none in its grace"
          + " period");
    }
    failedOver = true;
    return stale;
  }

  /** The ttl to store the value for; {@code null} for the cache's policy. */
  Duration ttl() {
    return ttl;
  }

  boolean skipped() {
    return skipped;
  }

  boolean failedOver() {
    return failedOver;
  }
}
