package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.testing.redis.LocalRedis;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Credentials and time limits hold when a server misbehaves or a second tenant shares the JVM. */
class RedisFaultTest {

  private static final String PASSWORD = "the-right-password";

  @TempDir
  static Path folder;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis(List.of("requirepass " + PASSWORD));

  private static CacheManager manager(TiffinCachingProvider provider, String app, Properties settings) {
    return provider.getCacheManager(URI.create(app), null, settings.properties());
  }

  /** Per-manager settings, passed as {@code getCacheManager} properties (the way two applications differ). */
  private record Properties(Map<String, String> values) {
    java.util.Properties properties() {
      java.util.Properties properties = new java.util.Properties();
      values.forEach(properties::setProperty);
      return properties;
    }
  }

  @Test
  void aSecondManagerWithAWrongPasswordNeverBorrowsTheFirstOnesConnections() {
    try (TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of())) {
      Cache<String, String> good = manager(provider, "good", new Properties(Map.of(
          "tiffin.store.default.uri", REDIS.server().uri(), "tiffin.store.default.password", PASSWORD)))
          .createCache("c", new MutableConfiguration<>());
      good.put("k", "v");

      CacheManager other = manager(provider, "other", new Properties(Map.of(
          "tiffin.store.default.uri", REDIS.server().uri(), "tiffin.store.default.password", "a-wrong-password")));
      CacheException refused = assertThrows(CacheException.class, () -> other.createCache("c",
          new MutableConfiguration<>()));
      assertTrue(refused.getMessage().contains("authentication failed"), refused.getMessage());
      assertFalse(refused.getMessage().contains("a-wrong-password"), refused.getMessage());

      CacheManager slower = manager(provider, "slower", new Properties(Map.of(
          "tiffin.store.default.uri", REDIS.server().uri(), "tiffin.store.default.timeout", "2s")));
      assertThrows(CacheException.class, () -> slower.createCache("c", new MutableConfiguration<>()),
          "another timeout is another store, which must authenticate on its own");
      assertEquals("v", good.get("k"));
    }
  }

  @Test
  void aFrozenServerFailsAReadWithinTheTimeoutAndSaysItTimedOut() {
    try (TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of())) {
      Cache<String, String> cache = manager(provider, "frozen", new Properties(Map.of(
          "tiffin.store.default.uri", REDIS.server().uri(), "tiffin.store.default.password", PASSWORD,
          "tiffin.store.default.timeout", "1s"))).createCache("c", new MutableConfiguration<>());
      cache.put("k", "v");
      signal("STOP");
      try {
        for (Runnable operation : List.<Runnable>of(() -> cache.get("k"), () -> cache.put("k", "w"))) {
          long start = System.nanoTime();
          CacheException error = assertTimeoutPreemptively(Duration.ofSeconds(10),
              () -> assertThrows(CacheException.class, operation::run));
          long millis = (System.nanoTime() - start) / 1_000_000;
          // The documented margin: the timeout plus 0.5 s (it measured 1,003 ms here).
          assertTrue(millis < 1_500, "took " + millis + " ms with a 1 s timeout");
          assertTrue(error.getMessage().contains("timed out"), error.getMessage());
          assertFalse(error.getMessage().contains("cannot connect"), error.getMessage());
        }
      } finally {
        signal("CONT");
      }
    }
  }

  private static void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(REDIS.server().pid())).inheritIO().start();
      assertEquals(0, kill.waitFor());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
