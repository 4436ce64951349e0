package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.tiffin.api.TiffinCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers of getOrSet that share one factory run still each get a copy of a mutable value. */
class GetOrSetStoreByValueTest {

  @TempDir
  Path folder;

  @Test
  @SuppressWarnings("unchecked")
  void callersSharingOneRunEachGetTheirOwnCopyOfAMutableValue() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (TiffinCachingProvider provider = TestProviders.withSettings(folder,
        Map.of("tiffin.store.default.uri", "sqlite:" + folder.resolve("by-value.db")))) {
      TiffinCache<String, ArrayList<String>> cache = provider.getCacheManager()
          .createCache("lists", new MutableConfiguration<String, ArrayList<String>>()).unwrap(TiffinCache.class);
      CountDownLatch bothAsked = new CountDownLatch(2);
      List<Future<ArrayList<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        answers.add(threads.submit(() -> {
          bothAsked.countDown();
          return cache.getOrSet("k", context -> {
            bothAsked.await(5, TimeUnit.SECONDS);
            Thread.sleep(200);
            return new ArrayList<>(List.of("a"));
          });
        }));
      }
      ArrayList<String> first = answers.get(0).get(10, TimeUnit.SECONDS);
      ArrayList<String> second = answers.get(1).get(10, TimeUnit.SECONDS);

      assertEquals(1, cache.getOrSetStatistics().factoryRuns(), "the two callers did not share one run");
      assertNotSame(first, second, "two callers were handed one mutable object");
      first.add("changed by the first caller");
      assertEquals(List.of("a"), second);
    } finally {
      threads.shutdownNow();
    }
  }
}
