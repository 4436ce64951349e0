package dev.tiffin.provider.near;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * The JDK types whose instances cannot change, so one instance may be handed to every reader
 * without breaking store-by-value: a near tier keeps such values (and indexes such keys) as objects.
 */
public final class ImmutableValues {

  // Exact classes only: a subclass of BigInteger, say, may add state that changes.
  private static final Set<Class<?>> TYPES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
      Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
      UUID.class, Instant.class, Duration.class, LocalDate.class, LocalTime.class, LocalDateTime.class,
      OffsetDateTime.class, ZonedDateTime.class);

  private ImmutableValues() {
  }

  /** Whether {@code value} can never change. */
  public static boolean isImmutable(Object value) {
    // Enum constants are singletons: reading one back always yields the same instance anyway.
    return value != null && (TYPES.contains(value.getClass()) || value instanceof Enum<?>);
  }
}
