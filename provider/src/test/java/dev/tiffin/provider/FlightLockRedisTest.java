package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.testing.redis.LocalRedis;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TiffinCache#lock} over a real Redis server, as an ACL user limited to its application's keys;
 * two providers stand for two JVMs.
 */
class FlightLockRedisTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir
  static Path folder;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @BeforeAll
  static void start() {
    assertEquals("OK", REDIS.server().cli("ACL", "SETUSER", "locker", "on", ">lock-pass", "~locker:*", "&locker:*",
        "+@all", "-@dangerous"));
  }

  private static TiffinCachingProvider provider() {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.store.default.username", "locker", "tiffin.store.default.password", "lock-pass"));
  }

  @SuppressWarnings("unchecked")
  private static TiffinCache<String, String> tiffin(Cache<String, String> cache) {
    return cache.unwrap(TiffinCache.class);
  }

  @Test
  void lockIsSharedByProvidersHasTheLeaseAsTtlAndSurvivesClear() {
    try (TiffinCachingProvider first = provider(); TiffinCachingProvider second = provider()) {
      Cache<String, String> cache = first.getCacheManager(URI.create("locker"), null)
          .createCache("c", new MutableConfiguration<>());
      TiffinCache<String, String> a = tiffin(cache);
      TiffinCache<String, String> b = tiffin(second.getCacheManager(URI.create("locker"), null)
          .createCache("c", new MutableConfiguration<>()));

      FlightLock held = a.lock("k", LEASE, Duration.ZERO);
      long ttl = Long.parseLong(REDIS.server().cli("PTTL", "locker:c#lock:k"));
      assertTrue(ttl > 25_000 && ttl <= 30_000, "the lease is the key's TTL, was " + ttl);
      CacheException timeout = assertThrows(CacheException.class, () -> b.lock("k", LEASE, Duration.ofMillis(50)));
      assertTrue(timeout.getMessage().contains("key k of cache c"), timeout.getMessage());

      cache.put("x", "1");
      cache.clear();
      assertEquals("1", REDIS.server().cli("EXISTS", "locker:c#lock:k"), "clear() scans locker:c:* only");

      held.close();
      assertEquals("0", REDIS.server().cli("EXISTS", "locker:c#lock:k"));
      b.lock("k", LEASE, Duration.ZERO).close();
    }
  }

  @Test
  void leaseOfAHolderThatNeverClosesRunsOut() {
    try (TiffinCachingProvider first = provider(); TiffinCachingProvider second = provider()) {
      TiffinCache<String, String> a = tiffin(first.getCacheManager(URI.create("locker"), null)
          .createCache("lease", new MutableConfiguration<>()));
      TiffinCache<String, String> b = tiffin(second.getCacheManager(URI.create("locker"), null)
          .createCache("lease", new MutableConfiguration<>()));

      a.lock("k", Duration.ofMillis(200), Duration.ZERO); // never closed, as if its JVM died
      long start = System.nanoTime();
      b.lock("k", LEASE, Duration.ofSeconds(10)).close();
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waited >= 100 && waited < 5_000, "took over once Redis dropped the key, after " + waited + "ms");
    }
  }
}
