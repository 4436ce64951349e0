package dev.tiffin.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.provider.TiffinCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrometer's own JCacheMetrics reads a Tiffin cache through the standard statistics MXBean; Tiffin adds its counter. */
class MicrometerMetersTest {

  @TempDir
  Path folder;

  @Test
  void jcacheMetricsAndTiffinsCounterReportWhatHappened() {
    Properties settings = new Properties();
    settings.setProperty("tiffin.store.default.uri", "sqlite:" + folder.resolve("meters.db"));
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      CacheManager manager = provider.getCacheManager(URI.create("meters"), getClass().getClassLoader(), settings);
      Cache<String, String> cache = manager.createCache("books",
          new MutableConfiguration<String, String>().setStatisticsEnabled(true));
      MeterRegistry registry = new SimpleMeterRegistry();
      JCacheMetrics.monitor(registry, cache, List.of());
      new TiffinCacheMeters(manager).bindTo(registry);

      cache.put("a", "1");
      cache.put("b", "2");
      cache.get("a");
      cache.get("a");
      cache.get("missing");
      cache.remove("b");

      assertEquals(2, registry.get("cache.gets").tags("cache", "books", "result", "hit").functionCounter().count());
      assertEquals(1, registry.get("cache.gets").tags("cache", "books", "result", "miss").functionCounter().count());
      assertEquals(2, registry.get("cache.puts").tag("cache", "books").functionCounter().count());
      assertEquals(1, registry.get("cache.removals").tag("cache", "books").gauge().value());
      assertEquals(0, registry.get("tiffin.cache.unreadable").tag("cache", "books").functionCounter().count());
    }
  }
}
