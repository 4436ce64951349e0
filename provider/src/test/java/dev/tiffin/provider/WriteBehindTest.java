package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.testing.redis.LocalRedis;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write-behind on Redis, two providers standing for two JVMs, each with a near tier: a JVM reads its own
 * puts at once, the other's near tier ends on the last one, and getOrSet still runs one factory across both;
 * on SQLite, what a provider queued is in the file once it is closed.
 */
class WriteBehindTest {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @TempDir
  Path folder;

  private TiffinCachingProvider provider() {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.cache.shared.near.max-entries", "1000", "tiffin.cache.shared.near.max-age", "10m",
        "tiffin.cache.shared.write-behind.max-pending", "1000"));
  }

  @SuppressWarnings("unchecked")
  private static Cache<String, String> cache(TiffinCachingProvider provider) {
    Cache<?, ?> declared = provider.getCacheManager().getCache("shared");
    return (Cache<String, String>) declared;
  }

  @Test
  void aJvmReadsItsOwnPutsAtOnceAndTheOtherJvmsNearTierEndsOnTheLastOne() throws Exception {
    try (TiffinCachingProvider writing = provider(); TiffinCachingProvider reading = provider()) {
      Cache<String, String> writer = cache(writing);
      Cache<String, String> reader = cache(reading);
      CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 5_000; i++) {
          reader.get("k");
        }
      });
      for (int i = 0; i < 2_000; i++) {
        writer.put("k", "v" + i);
        assertEquals("v" + i, writer.get("k"), "a JVM did not read its own put back");
        writer.put("other" + (i % 100), "x");
        assertFalse(writer.putIfAbsent("other0", "y"), "a conditional write was decided before a queued put");
      }
      reads.get(60, TimeUnit.SECONDS);
      NearProbe.awaitEquals("v1999", () -> reader.get("k"), "the other JVM's near tier kept a value older than the last put");
      NearProbe.awaitEquals("x", () -> reader.get("other0"), "a put written behind never reached the other JVM");
    }
  }

  @Test
  void getOrSetRunsOneFactoryAcrossJvmsWhenItsPutIsWrittenBehind() throws Exception {
    try (TiffinCachingProvider first = provider(); TiffinCachingProvider second = provider()) {
      AtomicInteger runs = new AtomicInteger();
      TiffinCache<String, String> one = cache(first).unwrap(TiffinCache.class);
      TiffinCache<String, String> two = cache(second).unwrap(TiffinCache.class);
      for (int round = 0; round < 20; round++) {
        String key = "computed" + round;
        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> one.getOrSet(key, context -> {
          runs.incrementAndGet();
          Thread.sleep(20);
          return "value";
        }));
        String b = two.getOrSet(key, context -> {
          runs.incrementAndGet();
          Thread.sleep(20);
          return "value";
        });
        assertEquals("value", b);
        assertEquals("value", a.get(10, TimeUnit.SECONDS));
      }
      assertEquals(20, runs.get(), "a factory ran again in the other JVM: the lock was free before the value was stored");
    }
  }

  @Test
  void onSqliteEveryQueuedPutIsInTheFileOnceTheProviderIsClosed() throws Exception {
    Map<String, String> settings = Map.of("tiffin.store.default.uri", "sqlite:" + folder.resolve("behind.db"),
        "tiffin.cache.shared.near.max-entries", "1000", "tiffin.cache.shared.write-behind.max-pending", "1000");
    try (TiffinCachingProvider writing = TestProviders.withSettings(folder, settings)) {
      Cache<String, String> cache = cache(writing);
      for (int i = 0; i < 500; i++) {
        cache.put("k" + i, "v" + i);
        assertEquals("v" + i, cache.get("k" + i));
      }
      assertFalse(cache.putIfAbsent("k7", "other"), "a conditional write was decided before a queued put");
      int entries = 0;
      for (Cache.Entry<String, String> ignored : cache) {
        entries++;
      }
      assertEquals(500, entries, "iteration missed queued puts");
      for (int i = 0; i < 500; i++) {
        cache.put("k" + i, "w" + i);
      }
    }
    try (TiffinCachingProvider reading = TestProviders.withSettings(folder, settings)) {
      Cache<String, String> cache = cache(reading);
      for (int i = 0; i < 500; i++) {
        assertEquals("w" + i, cache.get("k" + i), "a queued put was lost when the provider closed");
      }
    }
  }
}
