package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.testing.redis.RedisSentinelSetup;
import dev.tiffin.testing.redis.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forced Sentinel failover under load: Tiffin follows the new master without a restart, and every
 * acknowledged write the new master received reads back through Tiffin. Redis replicates
 * asynchronously and the old master keeps accepting writes until a client learns of the switch, so
 * writes acknowledged in that window never reach the new master; the test measures the window and
 * counts those writes rather than pretending they cannot happen.
 */
class SentinelFailoverTest {

  @TempDir
  Path folder;

  @Test
  void tiffinFollowsAForcedFailoverAndReadsWhatTheNewMasterHolds() throws Exception {
    try (RedisSentinelSetup sentinel = RedisSentinelSetup.startWithReplica(folder.resolve("sentinel"));
         TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of("tiffin.store.default.timeout", "1s"))) {
      Cache<String, String> cache = provider.getCacheManager(URI.create(sentinel.uri()), null)
          .createCache("orders", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger failed = new AtomicInteger();
      AtomicLong lastFailure = new AtomicLong();
      AtomicLong firstFailure = new AtomicLong();
      Thread writer = new Thread(() -> {
        for (int i = 0; running.get(); i++) {
          try {
            cache.put("order-" + i, "v" + i);
            acknowledged.add(i);
          } catch (CacheException e) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(0, System.nanoTime());
            lastFailure.set(System.nanoTime());
          }
        }
      });
      writer.start();
      Thread.sleep(300);
      long failoverStart = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofSeconds(40), sentinel::failover);
      long failoverMillis = (System.nanoTime() - failoverStart) / 1_000_000;
      RedisServer newMaster = sentinel.replica();
      // Tiffin has followed once a write acknowledged after the promotion is on the new master.
      long followedMillis = -1;
      try (redis.clients.jedis.Jedis raw = new redis.clients.jedis.Jedis(newMaster.host(), newMaster.port())) {
        int mark = acknowledged.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
          int latest = acknowledged.isEmpty() ? -1 : acknowledged.get(acknowledged.size() - 1);
          if (acknowledged.size() > mark && raw.get("tiffin:orders:order-" + latest) != null) {
            followedMillis = (System.nanoTime() - failoverStart) / 1_000_000;
            break;
          }
          Thread.sleep(20);
        }
      }
      running.set(false);
      writer.join(10_000);
      assertTrue(followedMillis >= 0, "Tiffin kept writing to the old master for 30 s after the failover");

      int lost = 0;
      try (redis.clients.jedis.Jedis raw = new redis.clients.jedis.Jedis(newMaster.host(), newMaster.port())) {
        for (int i : new ArrayList<>(acknowledged)) {
          String onNewMaster = raw.get("tiffin:orders:order-" + i);
          if (onNewMaster == null) {
            lost++;
            continue;
          }
          assertEquals(onNewMaster, cache.get("order-" + i), "Tiffin reads what the new master holds");
        }
      }
      System.out.println("Sentinel failover: promoted in " + failoverMillis + " ms, Tiffin writing to the new master"
          + " after " + followedMillis + " ms; " + acknowledged.size()
          + " writes acknowledged, " + failed.get() + " failed with a CacheException"
          + (failed.get() > 0 ? " over " + (lastFailure.get() - firstFailure.get()) / 1_000_000 + " ms" : "")
          + "; acknowledged but not on the new master (asynchronous replication): " + lost);
    }
  }
}
