package dev.tiffin.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@code getOrSet} call behaves; immutable, each {@code with} method returns a copy. Start
 * from {@link #defaults()}: the cache's expiry policy as the ttl, no grace period, no timeouts, a
 * 30 s wait for another caller's factory.
 */
public final class GetOrSetOptions {

  private static final GetOrSetOptions DEFAULTS = new GetOrSetOptions(null, Duration.ZERO, Duration.ofSeconds(10),
      null, null, Duration.ofSeconds(30), false, List.of());

  private final Duration ttl;
  private final Duration grace;
  private final Duration graceBackoff;
  private final Duration softTimeout;
  private final Duration hardTimeout;
  private final Duration lockTimeout;
  private final boolean forceFresh;
  private final List<String> tags;

  private GetOrSetOptions(Duration ttl, Duration grace, Duration graceBackoff, Duration softTimeout,
      Duration hardTimeout, Duration lockTimeout, boolean forceFresh, List<String> tags) {
    this.ttl = ttl;
    this.grace = grace;
    this.graceBackoff = graceBackoff;
    this.softTimeout = softTimeout;
    this.hardTimeout = hardTimeout;
    this.lockTimeout = lockTimeout;
    this.forceFresh = forceFresh;
    this.tags = tags;
  }

  /** The defaults. */
  public static GetOrSetOptions defaults() {
    return DEFAULTS;
  }

  /** How long a computed value stays fresh; the cache's creation expiry when not set. */
  public GetOrSetOptions withTtl(Duration ttl) {
    return new GetOrSetOptions(positive(ttl, "ttl"), grace, graceBackoff, softTimeout, hardTimeout, lockTimeout,
        forceFresh, tags);
  }

  /**
   * How long a value is kept after its ttl, to be served when the factory fails or is slow; the entry
   * stays in the store for ttl + grace.
   */
  public GetOrSetOptions withGrace(Duration grace) {
    return new GetOrSetOptions(ttl, notNegative(grace, "grace"), graceBackoff, softTimeout, hardTimeout,
        lockTimeout, forceFresh, tags);
  }

  /** After a failed refresh, how long the stale value is served before the factory is tried again (10 s). */
  public GetOrSetOptions withGraceBackoff(Duration graceBackoff) {
    return new GetOrSetOptions(ttl, grace, notNegative(graceBackoff, "graceBackoff"), softTimeout, hardTimeout,
        lockTimeout, forceFresh, tags);
  }

  /**
   * With a stale value at hand, how long to wait for a refresh before answering with the stale value;
   * the refresh then finishes in the background and stores its value.
   */
  public GetOrSetOptions withSoftTimeout(Duration softTimeout) {
    return new GetOrSetOptions(ttl, grace, graceBackoff, positive(softTimeout, "softTimeout"), hardTimeout,
        lockTimeout, forceFresh, tags);
  }

  /**
   * How long to wait for a value at all: then the stale value if there is one, else a
   * {@link javax.cache.CacheException}; the factory may still finish and fill the cache.
   */
  public GetOrSetOptions withHardTimeout(Duration hardTimeout) {
    return new GetOrSetOptions(ttl, grace, graceBackoff, softTimeout, positive(hardTimeout, "hardTimeout"),
        lockTimeout, forceFresh, tags);
  }

  /** How long to wait for another JVM's factory on the same key before failing (30 s). */
  public GetOrSetOptions withLockTimeout(Duration lockTimeout) {
    return new GetOrSetOptions(ttl, grace, graceBackoff, softTimeout, hardTimeout,
        notNegative(lockTimeout, "lockTimeout"), forceFresh, tags);
  }

  /** Runs the factory even when a fresh value is cached, and stores its result. */
  public GetOrSetOptions withForceFresh(boolean forceFresh) {
    return new GetOrSetOptions(ttl, grace, graceBackoff, softTimeout, hardTimeout, lockTimeout, forceFresh, tags);
  }

  /** Tags the stored value, so {@code deleteByTag} can invalidate it. */
  public GetOrSetOptions withTags(String... tags) {
    List<String> copy = List.of(tags);
    for (String tag : copy) {
      if (tag.isEmpty() || tag.length() > 1_000) {
        throw new IllegalArgumentException("a tag must have 1 to 1000 characters, was '" + tag + "'");
      }
    }
    return new GetOrSetOptions(ttl, grace, graceBackoff, softTimeout, hardTimeout, lockTimeout, forceFresh, copy);
  }

  /** The ttl a computed value is stored for, when set. */
  public Optional<Duration> ttl() {
    return Optional.ofNullable(ttl);
  }

  /** How long a value is kept past its ttl. */
  public Duration grace() {
    return grace;
  }

  /** How long a failed refresh waits before the next one. */
  public Duration graceBackoff() {
    return graceBackoff;
  }

  /** How long to wait before answering with a stale value, when set. */
  public Optional<Duration> softTimeout() {
    return Optional.ofNullable(softTimeout);
  }

  /** How long to wait for a value at all, when set. */
  public Optional<Duration> hardTimeout() {
    return Optional.ofNullable(hardTimeout);
  }

  /** How long to wait for another JVM's factory. */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  /** Whether the factory runs even over a fresh value. */
  public boolean forceFresh() {
    return forceFresh;
  }

  /** The tags a computed value is stored with. */
  public List<String> tags() {
    return tags;
  }

  private static Duration positive(Duration duration, String name) {
    if (notNegative(duration, name).isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  private static Duration notNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
    return duration;
  }

  @Override
  public String toString() {
    return "GetOrSetOptions[ttl=" + ttl + ", grace=" + grace + ", graceBackoff=" + graceBackoff + ", softTimeout="
        + softTimeout + ", hardTimeout=" + hardTimeout + ", lockTimeout=" + lockTimeout + ", forceFresh="
        + forceFresh + ", tags=" + tags + "]";
  }
}
