package dev.tiffin.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.cdi.annotation.OnDemandCaches;
import dev.tiffin.cdi.testing.TestCaches;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lookup order: cache manager properties, then MicroProfile Config, then system properties. */
class CacheSettingsTest {

  @AfterEach
  void clearSystemProperties() {
    System.clearProperty("tiffin.cache.by-manager.single-flight");
    System.clearProperty("tiffin.cache.sys-only.single-flight");
  }

  @Test
  void settingNamesArePrefixedPerCache() {
    assertEquals("tiffin.cache.users.single-flight", CacheSettings.name("users", CacheSettings.SINGLE_FLIGHT));
  }

  @Test
  void singleFlightIsOffByDefault() {
    assertFalse(CacheSettings.singleFlight(cache(TestCaches.manager(), "nothing-configured")));
  }

  @Test
  void systemPropertyIsTheLastSource() {
    System.setProperty("tiffin.cache.sys-only.single-flight", "true");
    assertTrue(CacheSettings.singleFlight(cache(TestCaches.manager(), "sys-only")));
  }

  @Test
  void microProfileConfigIsReadWhenPresent() {
    Cache<Object, Object> cache = cache(TestCaches.manager(), "mp-only");
    assertEquals(Optional.of("true"), CacheSettings.lookup(cache, CacheSettings.SINGLE_FLIGHT));
    assertEquals(Optional.of("true"), MicroProfileConfigLookup.get("tiffin.cache.mp-only.single-flight"));
    assertTrue(CacheSettings.singleFlight(cache));
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
      assertFalse(CacheSettings.singleFlight(cache(manager, "mp-only")));
      assertTrue(CacheSettings.singleFlight(cache(TestCaches.manager(), "mp-only")),
          "another manager without the property falls through to MicroProfile Config");
    }
  }

  private static Cache<Object, Object> cache(CacheManager manager, String name) {
    return OnDemandCaches.getOrCreate(manager, name, Object.class, Object.class);
  }
}
