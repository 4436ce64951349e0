package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.StoreFailures;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.testing.redis.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis killed under load, with failures-as-misses and a circuit breaker configured: cached reads
 * keep being answered from the near tier, nothing throws, the breaker opens within the configured
 * failures (plus the calls already on their way), and closes once the server is back.
 */
class StoreFailuresRedisTest {

  private static final int THREADS = 4;
  private static final int KEYS = 100;
  private static final int BREAKER_FAILURES = 5;
  private static final long OPEN_FOR_MILLIS = 300;

  @TempDir
  Path folder;

  @Test
  void withRedisKilledUnderLoadCachedReadsAreServedFromTheNearTierAndTheBreakerOpensThenCloses() throws Exception {
    try (RedisServer redis = RedisServer.start(folder.resolve("redis"));
         TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of(
             "tiffin.store.default.uri", redis.uri(),
             "tiffin.store.default.timeout", "500ms",
             "tiffin.store.default.failures-as-misses", "true",
             "tiffin.store.default.breaker.failures", Integer.toString(BREAKER_FAILURES),
             "tiffin.store.default.breaker.open-for", OPEN_FOR_MILLIS + "ms",
             "tiffin.cache.near.near.max-entries", "1000", "tiffin.cache.near.near.max-age", "10m"))) {
      @SuppressWarnings("unchecked")
      Cache<String, String> cache = (Cache<String, String>) (Cache<?, ?>) provider.getCacheManager().getCache("near");
      TiffinCache<String, String> tiffin = cache.unwrap(TiffinCache.class);
      awaitNearHoldsEveryKey(cache, redis);

      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicLong cachedReads = new AtomicLong();
      AtomicLong[] stop = {new AtomicLong(Long.MAX_VALUE)};
      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread thread = new Thread(() -> {
          try {
            while (System.nanoTime() < stop[0].get()) {
              int i = ThreadLocalRandom.current().nextInt(KEYS);
              assertEquals("v" + i, cache.get("k" + i));
              cachedReads.incrementAndGet();
              cache.get("never-written-" + i);
              cache.put("written-during-outage-" + i, "x");
            }
          } catch (Throwable e) {
            thrown.compareAndSet(null, e);
          }
        });
        load.add(thread);
        thread.start();
      }
      Thread.sleep(200);
      long readsBeforeKill = cachedReads.get();
      redis.stop();
      long killed = System.nanoTime();
      while (!tiffin.storeFailures().breakerOpen() && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
        Thread.onSpinWait();
      }
      long openedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - killed);
      Thread.sleep(2_000);
      StoreFailures down = tiffin.storeFailures();
      long readsWhileDown = cachedReads.get();
      // The restarted server has none of the old entries: the load ends here, while they are still right.
      stop[0].set(System.nanoTime());
      for (Thread thread : load) {
        thread.join();
      }
      redis.restart();
      long restarted = System.nanoTime();
      while (tiffin.storeFailures().breakerOpen() && System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(10)) {
        cache.get("probe");
        Thread.sleep(1);
      }
      long closedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);

      assertNull(thrown.get(), () -> "a call failed or read a wrong value: " + thrown.get());
      assertEquals(1, down.breakerOpenings(), "opened once, and stayed open while the server was down: " + down);
      // Calls already on their way when the threshold was reached fail too, one per thread at most.
      long reachedServer = down.failedCalls();
      assertTrue(reachedServer <= BREAKER_FAILURES + THREADS, "calls made to the dead server: " + reachedServer);
      assertTrue(down.answeredFromNear() > 0 && down.writesSkipped() > 0 && down.rejected() > 0, down.toString());
      assertFalse(tiffin.storeFailures().breakerOpen(), "never closed after the server came back");
      cache.put("after", "back");
      assertEquals("back", cache.get("after"));
      System.out.printf("Redis killed under load (%d threads): breaker opened %d µs after the kill, after %d failed calls"
          + " reached the server (threshold %d); %,d cached reads answered while it was down (%,d from the near tier"
          + " during the outage), %,d misses, %,d puts skipped, %,d calls rejected by the open breaker; closed %d ms after"
          + " the restart (open-for %d ms)%n", THREADS, openedMicros, reachedServer, BREAKER_FAILURES,
          readsWhileDown - readsBeforeKill, down.answeredFromNear(), down.answeredAsMisses(), down.writesSkipped(),
          down.rejected(), closedMillis, OPEN_FOR_MILLIS);
    }
  }

  /** Writes every key and waits until the near tier serves them all without asking Redis. */
  private static void awaitNearHoldsEveryKey(Cache<String, String> cache, RedisServer redis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < KEYS; i++) {
        cache.put("k" + i, "v" + i);
      }
      for (int i = 0; i < KEYS; i++) {
        cache.get("k" + i);
      }
      long before = redis.calls("get");
      for (int i = 0; i < KEYS; i++) {
        cache.get("k" + i);
      }
      if (redis.calls("get") == before) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the near tier never held every key");
  }

}
