package dev.tiffin.provider.operations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.TiffinCachingProvider;
import dev.tiffin.provider.config.SettingsLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider on one backend, opened fresh for each test, whose caches a contract suite uses; a
 * subclass says where the store is. Entries are written under the application {@value #APP}.
 */
abstract class BackendContract {

  static final String APP = "contract";

  @TempDir
  Path home;

  private TiffinCachingProvider provider;
  private CacheManager manager;

  /** The store's URI. */
  abstract String uri();

  @BeforeEach
  void open() {
    provider = newProvider();
    manager = provider.getCacheManager();
  }

  /** Another provider on the same store, standing for another JVM; the caller closes it. */
  TiffinCachingProvider newProvider() {
    Properties system = new Properties();
    system.setProperty("user.home", home.toString());
    system.setProperty("tiffin.store.default.uri", uri());
    system.setProperty("tiffin.app", APP);
    return new TiffinCachingProvider(System::currentTimeMillis, new SettingsLoader(Map.of(), system));
  }

  /** The cache named {@code name} as another provider sees it. */
  @SuppressWarnings("unchecked")
  static TiffinCache<String, String> cacheIn(TiffinCachingProvider other, String name) {
    CacheManager manager = other.getCacheManager();
    Cache<String, String> cache = manager.getCache(name, String.class, String.class);
    return (cache != null ? cache : manager.createCache(name,
        new MutableConfiguration<String, String>().setTypes(String.class, String.class))).unwrap(TiffinCache.class);
  }

  @AfterEach
  void close() {
    provider.close();
  }

  /** A fresh cache of Strings (each test its own, so runs on a shared server never meet). */
  TiffinCache<String, String> cache() {
    return cache(new MutableConfiguration<>());
  }

  TiffinCache<String, String> cache(MutableConfiguration<String, String> configuration) {
    return cache(getClass().getSimpleName() + "-" + UUID.randomUUID(), configuration);
  }

  @SuppressWarnings("unchecked")
  TiffinCache<String, String> cache(String name, MutableConfiguration<String, String> configuration) {
    Cache<String, String> cache = manager.createCache(name, configuration.setTypes(String.class, String.class));
    return cache.unwrap(TiffinCache.class);
  }

  /** Waits, up to 5 s, for a short time to live to run out on the server's clock. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "still not " + what + " after 5 s");
      Thread.sleep(20);
    }
  }

}
