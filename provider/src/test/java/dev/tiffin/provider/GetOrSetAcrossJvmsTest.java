package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.testing.redis.LocalRedis;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code getOrSet} across JVMs sharing a store: two JVMs × 25 threads on one cold key run the factory
 * once in total, and a {@code deleteByTag} in one provider is seen by another on its next read.
 */
class GetOrSetAcrossJvmsTest {

  static final int THREADS = 25;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @TempDir
  Path folder;

  @Test
  void twoJvmsOnOneSqliteFileRunTheFactoryOnce() throws Exception {
    assertOneFactoryRun("sqlite:" + folder.resolve("shared.db"));
  }

  @Test
  void twoJvmsOnOneRedisRunTheFactoryOnce() throws Exception {
    assertOneFactoryRun(REDIS.server().uri());
  }

  @Test
  void aTagDeletedInOneProviderIsGoneForAnotherOnItsNextRead() {
    String uri = REDIS.server().uri();
    try (TiffinCachingProvider first = TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", uri));
         TiffinCachingProvider second = TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", uri))) {
      TiffinCache<String, String> here = cache(first.getCacheManager());
      TiffinCache<String, String> there = cache(second.getCacheManager());
      here.getOrSet("profile", GetOrSetOptions.defaults().withTags("user:7"), context -> "cached");
      assertEquals("cached", there.get("profile"));

      here.deleteByTag("user:7");

      assertNull(there.get("profile"));
      assertEquals("recomputed", there.getOrSet("profile", GetOrSetOptions.defaults().withTags("user:7"),
          context -> "recomputed"));
    }
  }

  private void assertOneFactoryRun(String uri) throws Exception {
    ChildJvms.runTogether(folder, StampedeWorker.class, uri, 2, worker -> List.of());
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      TiffinCache<String, String> cache = cache(provider.getCacheManager(URI.create(uri), null));
      assertEquals(1, cache.getNumeric("factory-runs"), "factory runs counted in the store by both JVMs");
      assertEquals("computed", cache.get("cold"));
    }
  }

  @SuppressWarnings("unchecked")
  static TiffinCache<String, String> cache(CacheManager manager) {
    MutableConfiguration<String, String> configuration =
        new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    javax.cache.Cache<String, String> cache = manager.getCache("stampede", String.class, String.class);
    return (cache != null ? cache : manager.createCache("stampede", configuration)).unwrap(TiffinCache.class);
  }

  /** A child JVM: 25 threads call getOrSet on one cold key; the factory counts its runs in the store. */
  public static final class StampedeWorker {

    public static void main(String[] args) throws Exception {
      try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
        TiffinCache<String, String> cache = cache(provider.getCacheManager(URI.create(args[0]), null));
        cache.exists("warm-up");
        Files.createFile(Path.of(args[2]));
        ChildJvms.awaitGo(Path.of(args[1]));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          answers.add(threads.submit(() -> {
            start.await();
            return cache.getOrSet("cold", context -> {
              cache.incr("factory-runs", 1);
              Thread.sleep(500);
              return "computed";
            });
          }));
        }
        start.countDown();
        for (Future<String> answer : answers) {
          if (!"computed".equals(answer.get(60, TimeUnit.SECONDS))) {
            throw new AssertionError("a caller got something else");
          }
        }
        threads.shutdown();
      }
    }
  }
}
