package dev.tiffin.provider.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.TiffinCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.Test;

/**
 * The store operations of {@link TiffinCache} — one contract, run on every backend by a subclass
 * that says where the store is. Entries are written under the application {@value #APP}.
 */
abstract class StoreOperationsContract extends BackendContract {

  @Test
  void setStoresWithTheCachePolicyOrAGivenTimeToLive() throws Exception {
    TiffinCache<String, String> cache = cache();
    cache.set("policy", "eternal", null);
    cache.set("short", "lived", Duration.ofMillis(300));
    assertEquals("eternal", cache.get("policy"));
    assertEquals("lived", cache.get("short"));

    await(() -> cache.get("short") == null, "expired");
    assertEquals("eternal", cache.get("policy"));
  }

  @Test
  void setWithoutATimeToLiveFollowsTheExpiryPolicy() throws Exception {
    TiffinCache<String, String> cache = cache(new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(
            java.util.concurrent.TimeUnit.MILLISECONDS, 300))));
    cache.set("k", "v", null);
    cache.set("long", "v", Duration.ofHours(1));
    assertTrue(cache.exists("k"));

    await(() -> !cache.exists("k"), "expired by the policy");
    assertTrue(cache.exists("long"), "a given time to live overrides the policy");
  }

  @Test
  void getReadsNullForAMissingKey() {
    assertNull(cache().get("missing"));
  }

  @Test
  void expireIsFalseForAMissingKeyAndShortensALiveOne() throws Exception {
    TiffinCache<String, String> cache = cache();
    assertFalse(cache.expire("missing", Duration.ofSeconds(1)));
    assertFalse(cache.exists("missing"), "expire created an entry");
    cache.set("k", "v", null);

    assertTrue(cache.expire("k", Duration.ofMillis(300)));

    await(() -> !cache.exists("k"), "expired");
  }

  @Test
  void existsAndDeleteTellWhetherSomethingWasThere() {
    TiffinCache<String, String> cache = cache();
    assertFalse(cache.exists("k"));
    assertFalse(cache.delete("k"), "nothing to delete");
    cache.set("k", "v", null);
    assertTrue(cache.exists("k"));

    assertTrue(cache.delete("k"));

    assertFalse(cache.exists("k"));
    assertFalse(cache.delete("k"), "deleted twice");
  }

  @Test
  void numbersAreStoredAsTheirDecimalText() {
    TiffinCache<String, String> cache = cache();
    assertEquals(0, cache.getNumeric("missing"));

    cache.setNumeric("n", 42);
    cache.setNumeric("negative", Long.MIN_VALUE);

    assertEquals(42, cache.getNumeric("n"));
    assertEquals("42", cache.get("n"), "read through JCache a counter is its text");
    assertEquals(Long.MIN_VALUE, cache.getNumeric("negative"));
    cache.set("text", "17", null);
    assertEquals(17, cache.getNumeric("text"), "a String of digits is a counter too");
  }

  @Test
  void getNumericOfSomethingElseIsAClearError() {
    TiffinCache<String, String> cache = cache();
    cache.set("word", "hello", null);

    CacheException e = assertThrows(CacheException.class, () -> cache.getNumeric("word"));

    assertTrue(e.getMessage().startsWith("Key word of cache "), e.getMessage());
    assertTrue(e.getMessage().contains("is not a counter"), e.getMessage());
  }

  @Test
  void incrStartsAMissingCounterAtZeroAndReturnsTheNewValue() {
    TiffinCache<String, String> cache = cache();
    assertEquals(5, cache.incr("c", 5));
    assertEquals(3, cache.incr("c", -2));
    assertEquals(3, cache.getNumeric("c"));
    assertEquals("3", cache.get("c"));
    cache.setNumeric("big", Long.MAX_VALUE - 1);
    assertEquals(Long.MAX_VALUE, cache.incr("big", 1));
  }

  @Test
  void incrOnANonNumberOrPastTheLimitFailsAndLeavesTheValue() {
    TiffinCache<String, String> cache = cache();
    cache.set("word", "hello", null);
    cache.set("spaced", " 12", null);
    cache.setNumeric("max", Long.MAX_VALUE);
    cache.setNumeric("min", Long.MIN_VALUE);

    for (String key : List.of("word", "spaced")) {
      CacheException e = assertThrows(CacheException.class, () -> cache.incr(key, 1));
      assertTrue(e.getMessage().startsWith("Key " + key + " of cache "), e.getMessage());
    }
    assertThrows(CacheException.class, () -> cache.incr("max", 1));
    assertThrows(CacheException.class, () -> cache.incr("min", -1));

    assertEquals("hello", cache.get("word"));
    assertEquals(" 12", cache.get("spaced"));
    assertEquals(Long.MAX_VALUE, cache.getNumeric("max"));
    assertEquals(Long.MIN_VALUE, cache.getNumeric("min"));
  }

  @Test
  void incrKeepsTheCountersTimeToLive() throws Exception {
    TiffinCache<String, String> cache = cache();
    cache.setNumeric("c", 1, Duration.ofMillis(300));

    assertEquals(2, cache.incr("c", 1));

    await(() -> cache.getNumeric("c") == 0, "expired");
  }

  @Test
  void incrFromManyThreadsLosesNoIncrement() throws Exception {
    TiffinCache<String, String> cache = cache();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(threads.submit(() -> {
          for (int i = 0; i < 250; i++) {
            cache.incr("hits", 1);
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(2_000, cache.getNumeric("hits"));
  }

  @Test
  void keysMatchAGlobOverTheCachesOwnKeysWithoutAnyPrefix() {
    TiffinCache<String, String> cache = cache();
    TiffinCache<String, String> other = cache();
    for (String key : List.of("user:1", "user:2", "user:10", "order:1", "a*b", "a?c", "[x]", "abc")) {
      cache.set(key, "v", null);
    }
    other.set("user:3", "v", null);

    assertEquals(Set.of("user:1", "user:2", "user:10"), keys(cache, "user:*"));
    assertEquals(Set.of("user:1", "user:2"), keys(cache, "user:?"));
    assertEquals(Set.of("a*b", "a?c", "abc"), keys(cache, "a*"));
    assertEquals(Set.of("a*b"), keys(cache, "a\\*b"), "an escaped * matches only a literal *");
    assertEquals(Set.of("a?c"), keys(cache, "a\\?c"));
    assertEquals(Set.of("[x]"), keys(cache, "\\[x]"));
    assertEquals(Set.of(), keys(cache, "nothing*"));
    assertEquals(8, keys(cache, "*").size(), "another cache's keys leaked in");
  }

  @Test
  void keysAreReadLazilyPageByPage() {
    TiffinCache<String, String> cache = cache();
    for (int i = 0; i < 2_500; i++) {
      cache.set("k" + i, "v", null);
    }
    Iterator<String> keys = cache.keys("k*");
    int seen = 0;
    while (keys.hasNext()) {
      keys.next();
      seen++;
    }
    assertEquals(2_500, seen);
  }

  @Test
  void pingAnswersWithTheRoundTripTime() {
    Duration roundTrip = cache().ping();
    assertFalse(roundTrip.isNegative());
    assertTrue(roundTrip.compareTo(Duration.ofSeconds(5)) < 0, roundTrip.toString());
  }

  @Test
  void nullKeysAreRefusedAsJCacheRefusesThem() {
    TiffinCache<String, String> cache = cache();
    assertThrows(NullPointerException.class, () -> cache.incr(null, 1));
    assertThrows(NullPointerException.class, () -> cache.getNumeric(null));
    assertThrows(NullPointerException.class, () -> cache.setNumeric(null, 1));
    assertThrows(NullPointerException.class, () -> cache.exists(null));
    assertThrows(NullPointerException.class, () -> cache.delete(null));
    assertThrows(NullPointerException.class, () -> cache.set(null, "v", null));
  }

  private static Set<String> keys(TiffinCache<String, String> cache, String glob) {
    Set<String> found = new TreeSet<>();
    cache.keys(glob).forEachRemaining(found::add);
    return found;
  }
}
