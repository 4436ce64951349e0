package dev.tiffin.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TiffinEnvironmentSettingsTest {

  @Test
  void bootsResolvedSettingsReachTiffinUnderTiffinsNames() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addLast(new MapPropertySource("application.properties", Map.of(
        "cache.host", "cache.internal",
        "tiffin.store.default.uri", "redis://${cache.host}:6379",
        "tiffin.store.default.poolSize", "4",
        "tiffin.store.Orders.sweep_interval", "30s",
        "tiffin.store.default.password", "literal-${not-a-placeholder:x}-y",
        "spring.cache.type", "jcache")));
    environment.getPropertySources().addFirst(new MapPropertySource("profile", Map.of("tiffin.app", "shop-dev")));
    System.setProperty("tiffin.cache.fromsystem.statistics", "true");
    try {
      Properties properties = new Properties();
      TiffinEnvironmentSettings.copy(environment, properties);

      assertEquals("redis://cache.internal:6379", properties.getProperty("tiffin.store.default.uri"));
      assertEquals("4", properties.getProperty("tiffin.store.default.pool-size"));
      assertEquals("30s", properties.getProperty("tiffin.store.Orders.sweep-interval"), "store names keep their case");
      assertEquals("shop-dev", properties.getProperty("tiffin.app"), "the profile outranks application.properties");
      assertEquals("literal-x-y", properties.getProperty("tiffin.store.default.password"));
      assertFalse(properties.containsKey("spring.cache.type"));
      assertFalse(properties.containsKey("tiffin.cache.fromsystem.statistics"), "Tiffin reads system properties itself");
    } finally {
      System.clearProperty("tiffin.cache.fromsystem.statistics");
    }
  }

  @Test
  void aDollarBraceLeftAfterBootResolvedIsPassedOnAsLiteral() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setIgnoreUnresolvableNestedPlaceholders(true);
    environment.getPropertySources().addLast(new MapPropertySource("application.properties",
        Map.of("tiffin.store.default.password", "pa${unresolved}ss")));
    Properties properties = new Properties();
    TiffinEnvironmentSettings.copy(environment, properties);
    assertEquals("pa$${unresolved}ss", properties.getProperty("tiffin.store.default.password"));
  }
}
