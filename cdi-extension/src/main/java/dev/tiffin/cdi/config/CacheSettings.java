package dev.tiffin.cdi.config;

import java.util.Optional;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Per-cache settings of the CDI extension, named {@code tiffin.cache.<cacheName>.<setting>}.
 *
 * <p>Each is looked up, first hit wins, in: the properties of the cache's {@link CacheManager},
 * MicroProfile Config (when its API is on the class path), then system properties. Every setting
 * and its default is listed here and only here.
 */
public final class CacheSettings {

  /** Prefix of every per-cache setting. */
  public static final String PREFIX = "tiffin.cache.";

  /**
   * {@code true} makes concurrent {@code @CacheResult} misses on one key share a single invocation
   * of the method (within this JVM). Default {@code false}.
   */
  public static final String SINGLE_FLIGHT = "single-flight";

  private CacheSettings() {
  }

  /** The full name of a setting for one cache, e.g. {@code tiffin.cache.users.single-flight}. */
  public static String name(String cacheName, String setting) {
    return PREFIX + cacheName + "." + setting;
  }

  /** Whether single flight is on for {@code cache}; off unless a source says {@code true}. */
  public static boolean singleFlight(Cache<?, ?> cache) {
    return lookup(cache, SINGLE_FLIGHT).map(v -> Boolean.parseBoolean(v.trim())).orElse(false);
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
}
