package dev.tiffin.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.cdi.annotation.OnDemandCaches;
import dev.tiffin.cdi.testing.TestCaches;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lookup order: cache manager properties, then MicroProfile Config, then system properties. */
class ExtensionSettingsTest {

  @AfterEach
  void clearSystemProperties() {
    System.clearProperty("tiffin.cache.by-manager.single-flight");
    System.clearProperty("tiffin.cache.sys-only.single-flight");
  }

  @Test
  void settingNamesArePrefixedPerCache() {
    assertEquals("tiffin.cache.users.single-flight", ExtensionSettings.name("users", ExtensionSettings.SINGLE_FLIGHT));
  }

  @Test
  void singleFlightIsOffByDefault() {
    assertFalse(ExtensionSettings.singleFlight(cache(TestCaches.manager(), "nothing-configured")));
  }

  @Test
  void systemPropertyIsTheLastSource() {
    System.setProperty("tiffin.cache.sys-only.single-flight", "true");
    assertTrue(ExtensionSettings.singleFlight(cache(TestCaches.manager(), "sys-only")));
  }

  @Test
  void microProfileConfigIsReadWhenPresent() {
    Cache<Object, Object> cache = cache(TestCaches.manager(), "mp-only");
    assertEquals(Optional.of("true"), ExtensionSettings.lookup(cache, ExtensionSettings.SINGLE_FLIGHT));
    assertEquals(Optional.of("true"), MicroProfileConfigLookup.get("tiffin.cache.mp-only.single-flight"));
    assertTrue(ExtensionSettings.singleFlight(cache));
  }

  @Test
  void cacheManagerPropertiesComeFirst() {
    // MicroProfile Config says true for mp-only; the manager's own properties say false and win.
    // (Not a system property: Tiffin resolves those above the Properties argument, by design.)
    Properties properties = new Properties();
    properties.setProperty("tiffin.cache.mp-only.single-flight", "false");
    CachingProvider provider = TestCaches.provider();
    try (CacheManager manager = provider.getCacheManager(
        URI.create("tiffin-cdi-test-settings"), provider.getDefaultClassLoader(), properties)) {
      assertFalse(ExtensionSettings.singleFlight(cache(manager, "mp-only")));
      assertTrue(ExtensionSettings.singleFlight(cache(TestCaches.manager(), "mp-only")),
          "another manager without the property falls through to MicroProfile Config");
    }
  }

  @Test
  void leaseAndWaitDefaultToThirtySeconds() {
    Cache<Object, Object> cache = cache(TestCaches.manager(), "nothing-configured");
    assertEquals(Duration.ofSeconds(30), ExtensionSettings.singleFlightLease(cache));
    assertEquals(Duration.ofSeconds(30), ExtensionSettings.singleFlightWait(cache));
  }

  @Test
  void leaseAndWaitAreDurationsAsTiffinWritesThem() {
    Properties properties = new Properties();
    properties.setProperty("tiffin.cache.timed.single-flight-lease", "2m");
    properties.setProperty("tiffin.cache.timed.single-flight-wait", "PT0.5S");
    properties.setProperty("tiffin.cache.bad.single-flight-lease", "soon");
    properties.setProperty("tiffin.cache.bad.single-flight-wait", "-1s");
    properties.setProperty("tiffin.cache.zero.single-flight-lease", "0ms");
    properties.setProperty("tiffin.cache.zero.single-flight-wait", "0ms");
    CachingProvider provider = TestCaches.provider();
    try (CacheManager manager = provider.getCacheManager(
        URI.create("tiffin-cdi-test-durations"), provider.getDefaultClassLoader(), properties)) {
      assertEquals(Duration.ofMinutes(2), ExtensionSettings.singleFlightLease(cache(manager, "timed")));
      assertEquals(Duration.ofMillis(500), ExtensionSettings.singleFlightWait(cache(manager, "timed")));
      assertEquals(Duration.ZERO, ExtensionSettings.singleFlightWait(cache(manager, "zero")), "zero wait: try once");

      CacheException bad = assertThrows(CacheException.class,
          () -> ExtensionSettings.singleFlightLease(cache(manager, "bad")));
      assertEquals("tiffin.cache.bad.single-flight-lease must be a duration such as 500ms, 30s, 10m, 2h, 1d or PT10M,"
          + " was 'soon'", bad.getMessage());
      assertThrows(CacheException.class, () -> ExtensionSettings.singleFlightWait(cache(manager, "bad")));
      CacheException zero = assertThrows(CacheException.class,
          () -> ExtensionSettings.singleFlightLease(cache(manager, "zero")));
      assertEquals("tiffin.cache.zero.single-flight-lease must be at least 1ms, was PT0S", zero.getMessage());
    }
  }

  private static Cache<Object, Object> cache(CacheManager manager, String name) {
    return OnDemandCaches.getOrCreate(manager, name, Object.class, Object.class);
  }
}
