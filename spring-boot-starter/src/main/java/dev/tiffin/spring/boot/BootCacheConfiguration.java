package dev.tiffin.spring.boot;

import javax.cache.configuration.MutableConfiguration;
import org.springframework.core.env.Environment;

/**
 * The configuration of the caches Boot creates from {@code spring.cache.cache-names}: statistics on
 * unless {@code tiffin.cache.*.statistics=false}, so Boot's cache meters have something to report.
 */
public final class BootCacheConfiguration {

  /** The template setting that turns statistics off for the caches Boot creates. */
  public static final String STATISTICS = "tiffin.cache.*.statistics";

  private BootCacheConfiguration() {
  }

  /** A store-by-value configuration for untyped caches, statistics as configured. */
  public static MutableConfiguration<Object, Object> from(Environment environment) {
    return new MutableConfiguration<>()
        .setStatisticsEnabled(environment.getProperty(STATISTICS, Boolean.class, true));
  }
}
