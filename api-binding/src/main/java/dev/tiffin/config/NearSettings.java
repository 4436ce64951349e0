package dev.tiffin.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A cache's near tier ({@code tiffin.cache.<name>.near.*}): values kept in this JVM's memory in front
 * of the store.
 *
 * @param maxEntries how many entries it holds at most; 0 turns it off
 * @param maxAge how long an entry is served from memory at most before the store is read again
 */
public record NearSettings(long maxEntries, Duration maxAge) {

  /** The default maximum age. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);

  /** Checks the values. */
  public NearSettings {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxEntries < 0 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("near tier: maxEntries must be >= 0 and maxAge positive");
    }
  }

  /** No near tier. */
  public static NearSettings off() {
    return new NearSettings(0, DEFAULT_MAX_AGE);
  }

  /** Whether the cache has a near tier. */
  public boolean enabled() {
    return maxEntries > 0;
  }
}
