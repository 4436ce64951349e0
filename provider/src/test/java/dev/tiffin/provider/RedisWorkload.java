package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.TiffinCache;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;

/** Every kind of cache operation once, as the TCK would drive them, with assertions that it all worked. */
final class RedisWorkload {

  private RedisWorkload() {
  }

  static void run(CacheManager manager, String cacheName) {
    Cache<String, Long> cache = manager.createCache(cacheName, new MutableConfiguration<String, Long>()
        .setTypes(String.class, Long.class)
        .setStatisticsEnabled(true)
        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(
            new javax.cache.expiry.Duration(TimeUnit.MINUTES, 10))));
    cache.put("a", 1L);
    assertEquals(1L, cache.get("a"));
    assertTrue(cache.putIfAbsent("b", 2L));
    assertFalse(cache.putIfAbsent("b", 3L));
    assertTrue(cache.replace("b", 2L, 20L));
    assertEquals(20L, cache.getAndPut("b", 21L));
    assertTrue(cache.remove("b", 21L));
    cache.putAll(Map.of("c", 3L, "d", 4L, "e", 5L));
    assertEquals(3, cache.getAll(Set.of("c", "d", "e", "missing")).size());
    Long incremented = cache.invoke("c", (entry, args) -> {
      entry.setValue(entry.getValue() + 1);
      return entry.getValue();
    });
    assertEquals(4L, incremented);
    Set<String> keys = new HashSet<>();
    cache.forEach(entry -> keys.add(entry.getKey()));
    assertEquals(Set.of("a", "c", "d", "e"), keys);
    assertTrue(cache.containsKey("d"));
    assertEquals(5L, cache.getAndRemove("e"));
    cache.unwrap(TiffinCache.class).put("ttl", 9L, Duration.ofMinutes(1));
    cache.removeAll(Set.of("a", "d"));
    cache.removeAll();
    cache.put("f", 6L);
    cache.clear();
    assertNull(cache.get("f"));
  }
}
