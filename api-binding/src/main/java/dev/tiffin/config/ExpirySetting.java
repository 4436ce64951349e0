package dev.tiffin.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An expiry policy named in configuration, e.g. {@code created:PT10M} or {@code eternal}.
 *
 * @param kind which of the standard JCache policies applies
 * @param duration its duration; {@code null} only for {@link Kind#ETERNAL}
 */
public record ExpirySetting(Kind kind, Duration duration) {

  /** The standard JCache expiry policies. */
  public enum Kind { ETERNAL, CREATED, ACCESSED, MODIFIED, TOUCHED }

  /** Validates that a duration is present where the kind needs one. */
  public ExpirySetting {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.ETERNAL && (duration == null || duration.isNegative())) {
      throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " expiry needs a positive duration");
    }
  }

  /** The policy that never expires entries. */
  public static ExpirySetting eternal() {
    return new ExpirySetting(Kind.ETERNAL, null);
  }

  @Override
  public String toString() {
    String kindName = kind.name().toLowerCase(Locale.ROOT);
    return kind == Kind.ETERNAL ? kindName : kindName + ":" + duration;
  }
}
