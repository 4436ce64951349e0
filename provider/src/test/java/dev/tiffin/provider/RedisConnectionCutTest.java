package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.testing.redis.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server cuts Tiffin's connections in the middle of pipelined bulk writes. */
class RedisConnectionCutTest {

  @TempDir
  Path folder;

  @Test
  void aPipelineCutMidWayFailsCleanlyLeavesNoTornValueAndTheNextCallWorks() throws Exception {
    try (RedisServer server = RedisServer.start(folder.resolve("redis"));
         TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of())) {
      Cache<String, String> cache = provider.getCacheManager(URI.create(server.uri()), null)
          .createCache("bulk", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      Map<String, String> batch = new HashMap<>();
      for (int i = 0; i < 5_000; i++) {
        batch.put("k" + i, "value-" + i);
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicLong killed = new java.util.concurrent.atomic.AtomicLong();
      Thread cutter = new Thread(() -> {
        for (int i = 0; i < 200 && writing.get(); i++) {
          killed.addAndGet(Long.parseLong(server.cli("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes").trim()));
        }
      });
      int failures = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        int failed = 0;
        cutter.start();
        try {
          for (int round = 0; round < 20; round++) {
            try {
              cache.putAll(batch);
            } catch (CacheException e) {
              failed++;
            }
          }
        } finally {
          writing.set(false);
          cutter.join();
        }
        return failed;
      });
      System.out.println("connections cut during 20 putAll rounds: " + killed.get() + "; rounds that failed with a"
          + " CacheException (the rest retried on a new connection): " + failures);
      assertTrue(killed.get() > 0, "no connection was cut");
      cache.put("after", "works");
      assertEquals("works", cache.get("after"));
      for (int i = 0; i < 5_000; i += 97) {
        String value = cache.get("k" + i);
        assertTrue(value == null || value.equals("value-" + i), "a torn value: " + value);
      }
    }
  }
}
