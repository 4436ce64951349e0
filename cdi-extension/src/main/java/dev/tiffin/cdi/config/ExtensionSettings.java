package dev.tiffin.cdi.config;

import dev.tiffin.config.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;

/**
 * Per-cache settings of the CDI extension, named {@code tiffin.cache.<cacheName>.<setting>}.
 *
 * <p>Each is looked up, first hit wins, in: the properties of the cache's {@link CacheManager},
 * MicroProfile Config (when its API is on the class path), then system properties. Every setting
 * and its default is listed here and only here.
 */
public final class ExtensionSettings {

  /** Prefix of every per-cache setting. */
  public static final String PREFIX = "tiffin.cache.";

  /**
   * {@code true} makes concurrent {@code @CacheResult} misses on one key share a single invocation
   * of the method: within this JVM, and across JVMs when the provider is Tiffin. Default {@code false}.
   */
  public static final String SINGLE_FLIGHT = "single-flight";

  /**
   * How long the lock that makes JVMs take turns lasts at most, so that a holder that died frees it
   * (Tiffin only). Default {@link #DEFAULT_SINGLE_FLIGHT_LEASE}; set it above the method's longest run.
   */
  public static final String SINGLE_FLIGHT_LEASE = "single-flight-lease";

  /** The lease when {@link #SINGLE_FLIGHT_LEASE} is not set: 30 seconds. */
  public static final Duration DEFAULT_SINGLE_FLIGHT_LEASE = Duration.ofSeconds(30);

  /**
   * How long a JVM's leader waits for another JVM's lock before it runs the method anyway (Tiffin
   * only). Default {@link #DEFAULT_SINGLE_FLIGHT_WAIT}.
   */
  public static final String SINGLE_FLIGHT_WAIT = "single-flight-wait";

  /** The wait when {@link #SINGLE_FLIGHT_WAIT} is not set: 30 seconds. */
  public static final Duration DEFAULT_SINGLE_FLIGHT_WAIT = Duration.ofSeconds(30);

  private ExtensionSettings() {
  }

  /** The full name of a setting for one cache, e.g. {@code tiffin.cache.users.single-flight}. */
  public static String name(String cacheName, String setting) {
    return PREFIX + cacheName + "." + setting;
  }

  /** Whether single flight is on for {@code cache}; off unless a source says {@code true}. */
  public static boolean singleFlight(Cache<?, ?> cache) {
    return lookup(cache, SINGLE_FLIGHT).map(v -> Boolean.parseBoolean(v.trim())).orElse(false);
  }

  /** The lease of the cross-JVM single-flight lock of {@code cache}; at least one millisecond. */
  public static Duration singleFlightLease(Cache<?, ?> cache) {
    Duration lease = duration(cache, SINGLE_FLIGHT_LEASE, DEFAULT_SINGLE_FLIGHT_LEASE);
    if (lease.compareTo(Duration.ofMillis(1)) < 0) {
      throw new CacheException(name(cache.getName(), SINGLE_FLIGHT_LEASE) + " must be at least 1ms, was " + lease);
    }
    return lease;
  }

  /** How long a leader of {@code cache} waits for another JVM's single-flight lock; zero or more. */
  public static Duration singleFlightWait(Cache<?, ?> cache) {
    return duration(cache, SINGLE_FLIGHT_WAIT, DEFAULT_SINGLE_FLIGHT_WAIT);
  }

  /** The value of a setting for {@code cache} from the first source that defines it. */
  public static Optional<String> lookup(Cache<?, ?> cache, String setting) {
    String name = name(cache.getName(), setting);
    CacheManager manager = cache.getCacheManager();
    Properties properties = manager == null ? null : manager.getProperties();
    String value = properties == null ? null : properties.getProperty(name);
    if (value != null) {
      return Optional.of(value);
    }
    Optional<String> configured = MicroProfileConfigLookup.get(name);
    if (configured.isPresent()) {
      return configured;
    }
    return Optional.ofNullable(System.getProperty(name));
  }

  /** A duration as Tiffin writes them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601. */
  private static Duration duration(Cache<?, ?> cache, String setting, Duration fallback) {
    Optional<String> configured = lookup(cache, setting);
    if (configured.isEmpty()) {
      return fallback;
    }
    Optional<Duration> duration = Durations.parse(configured.get()).filter(parsed -> !parsed.isNegative());
    if (duration.isPresent()) {
      return duration.get();
    }
    throw new CacheException(name(cache.getName(), setting) + " must be a duration such as "
        + Durations.EXAMPLES + ", was '" + configured.get() + "'");
  }
}
