package dev.tiffin.provider.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.TiffinCachingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** Namespaces — separate keys, nesting, a clear that is instant and seen everywhere — on every backend. */
abstract class NamespaceContract extends BackendContract {

  static final int LARGE = 100_000;

  static Set<String> keys(TiffinCache<String, String> cache) {
    Set<String> found = new TreeSet<>();
    cache.keys("*").forEachRemaining(found::add);
    return found;
  }

  @Test
  void eachNamespaceHasItsOwnKeys() {
    TiffinCache<String, String> cache = cache();
    cache.set("k", "root", null);
    cache.namespace("a").set("k", "in a", null);
    cache.namespace("b").set("k", "in b", null);
    cache.namespace("b").set("only-b", "v", null);

    assertEquals("root", cache.get("k"));
    assertEquals("in a", cache.namespace("a").get("k"));
    assertEquals("in b", cache.namespace("b").get("k"));
    assertEquals(Set.of("k"), keys(cache), "a namespace's keys showed in the cache");
    assertEquals(Set.of("k", "only-b"), keys(cache.namespace("b")));
    assertFalse(cache.namespace("a").exists("only-b"));
  }

  @Test
  void namespacesNestAndNamesAreTakenLiterally() {
    TiffinCache<String, String> cache = cache();
    TiffinCache<String, String> inner = cache.namespace("a").namespace("b");
    inner.set("k", "nested", null);
    cache.namespace("a:b").set("k", "colon", null);
    cache.namespace("a@0/").set("k", "look-alike", null);

    assertEquals("nested", inner.get("k"));
    assertEquals("colon", cache.namespace("a:b").get("k"));
    assertEquals("look-alike", cache.namespace("a@0/").get("k"));
    assertNull(cache.namespace("a").get("k"));
    assertNull(cache.namespace("b").get("k"));
  }

  @Test
  void everyOperationWorksInANamespace() throws Exception {
    TiffinCache<String, String> users = cache().namespace("users");
    assertEquals(3, users.incr("visits", 3));
    assertEquals(3, users.getNumeric("visits"));
    assertEquals("computed", users.getOrSet("profile", GetOrSetOptions.defaults().withTags("t"), context -> "computed"));
    assertEquals("computed", users.getOrSet("profile", context -> "again"));
    users.set("short", "v", Duration.ofMillis(100));
    assertTrue(users.expire("visits", Duration.ofHours(1)));
    assertTrue(users.delete("visits"));
    assertFalse(users.delete("visits"));
    try (FlightLock lock = users.lock("profile", Duration.ofSeconds(10), Duration.ZERO)) {
      assertTrue(users.inspect("profile").isPresent());
    }
    users.deleteByTag("t");
    assertNull(users.get("profile"));
    await(() -> !users.exists("short"), "expired");
    assertThrows(NullPointerException.class, () -> users.get(null));
  }

  @Test
  void callersThatEachAskForTheNamespaceJoinOneFactoryRun() throws Exception {
    TiffinCache<String, String> cache = cache();
    // A caller waiting on the store lock gives up after 50 ms; one that joins the run in this JVM waits it out.
    GetOrSetOptions options = GetOrSetOptions.defaults().withLockTimeout(Duration.ofMillis(50));
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      Future<String> first = threads.submit(() -> cache.namespace("tenant").getOrSet("cold", options, context -> {
        runs.incrementAndGet();
        running.countDown();
        Thread.sleep(500);
        return "computed";
      }));
      assertTrue(running.await(10, TimeUnit.SECONDS));
      List<Future<String>> others = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        others.add(threads.submit(() -> cache.namespace("tenant").getOrSet("cold", options, context -> {
          runs.incrementAndGet();
          return "again";
        })));
      }
      assertEquals("computed", first.get(10, TimeUnit.SECONDS));
      for (Future<String> other : others) {
        assertEquals("computed", other.get(10, TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, runs.get());
  }

  @Test
  void theCachesClearLeavesNamespacesAndANamespacesClearLeavesTheCache() {
    TiffinCache<String, String> cache = cache();
    cache.set("k", "root", null);
    cache.namespace("a").set("k", "in a", null);

    cache.clear();
    assertEquals("in a", cache.namespace("a").get("k"));

    cache.set("k", "root", null);
    cache.namespace("a").clear();
    assertEquals("root", cache.get("k"));
    assertNull(cache.namespace("a").get("k"));
  }

  @Test
  void clearingANamespaceClearsItsNestedNamespaces() {
    TiffinCache<String, String> cache = cache();
    cache.namespace("a").namespace("b").set("k", "v", null);

    cache.namespace("a").clear();

    assertNull(cache.namespace("a").namespace("b").get("k"));
    cache.namespace("a").namespace("b").set("k", "again", null);
    assertEquals("again", cache.namespace("a").namespace("b").get("k"));
  }

  @Test
  void aClearInOneProviderIsSeenByAnotherOnItsNextRead() {
    String name = "shared-" + System.nanoTime();
    TiffinCache<String, String> here = cache(name, new MutableConfiguration<>());
    try (TiffinCachingProvider other = newProvider()) {
      TiffinCache<String, String> there = cacheIn(other, name).namespace("sessions");
      here.namespace("sessions").set("s1", "alive", null);
      assertEquals("alive", there.get("s1"));

      here.namespace("sessions").clear();

      assertNull(there.get("s1"));
    }
  }

  @Test
  void clearingAHundredThousandEntriesIsInstantAndLeavesTheNextNamespaceWhole() throws Exception {
    TiffinCache<String, String> cache = cache();
    TiffinCache<String, String> big = cache.namespace("a");
    TiffinCache<String, String> small = cache.namespace("b");
    fill(big, LARGE);
    for (int i = 0; i < 10; i++) {
      small.set("k" + i, "v", null);
    }

    long started = System.nanoTime();
    big.clear();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(tookMillis < 100, "clear() of " + LARGE + " entries took " + tookMillis + " ms");
    assertNull(big.get("k0"));
    assertFalse(big.keys("*").hasNext());
    assertEquals(10, keys(small).size());
    awaitReclaimed(LARGE);
  }

  /** Waits until the store no longer holds the {@code count} cleared entries; a subclass that can look checks. */
  void awaitReclaimed(int count) throws Exception {
  }

  static void fill(TiffinCache<String, String> cache, int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int first = t;
        workers.add(threads.submit(() -> {
          for (int i = first; i < count; i += 8) {
            cache.set("k" + i, "v", null);
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
