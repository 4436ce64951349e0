package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The near tier on SQLite, turned on for every cache by the template setting: reads are served from
 * memory, and caches of the same name in other managers of this JVM hear each other's writes.
 */
class NearTierTest {

  @TempDir
  Path folder;

  private TiffinCachingProvider provider() {
    return provider("1h");
  }

  /** A provider whose store looks for other processes' changes every {@code pollInterval}. */
  private TiffinCachingProvider provider(String pollInterval) {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", "sqlite:" + folder.resolve("near.db"),
        "tiffin.store.default.change-poll-interval", pollInterval,
        "tiffin.cache.*.near.max-entries", "100", "tiffin.cache.*.near.max-age", "10m"));
  }

  private static Cache<String, String> cache(TiffinCachingProvider provider) {
    Cache<String, String> cache = provider.getCacheManager().getCache("c", String.class, String.class);
    return cache != null ? cache : provider.getCacheManager().createCache("c",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  /** Changes the row behind Tiffin's back, as another process that does not tell would. */
  private void overwriteInTheFile(String key, String value) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("near.db"));
         PreparedStatement update = connection.prepareStatement("UPDATE tiffin_entries SET value = ? WHERE key = ?")) {
      update.setBytes(1, value.getBytes(StandardCharsets.UTF_8));
      update.setBytes(2, ("tiffin:c:" + key).getBytes(StandardCharsets.UTF_8));
      assertEquals(1, update.executeUpdate());
    }
  }

  @Test
  void aReadIsServedFromMemoryOnceTheTierHoldsTheEntry() throws Exception {
    try (TiffinCachingProvider provider = provider()) {
      Cache<String, String> cache = cache(provider);
      cache.put("k", "v1");
      assertEquals("v1", cache.get("k"));

      overwriteInTheFile("k", "changed elsewhere");

      assertEquals("v1", cache.get("k"), "the read went to the file: no near tier (or the hourly poll ran)");
      cache.put("k", "v2");
      assertEquals("v2", cache.get("k"), "a write here replaces the tier's copy");
    }
  }

  @Test
  void aChangeAnotherProcessMakesIsSeenWithinThePollInterval() throws Exception {
    try (TiffinCachingProvider provider = provider("20ms")) {
      Cache<String, String> cache = cache(provider);
      cache.put("k", "v1");
      cache.put("other", "o1");
      assertEquals("v1", cache.get("k"));
      assertEquals("o1", cache.get("other"));

      overwriteInTheFile("k", "changed elsewhere");
      long changed = System.nanoTime();
      long deadline = changed + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      while (!"changed elsewhere".equals(cache.get("k")) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }

      assertEquals("changed elsewhere", cache.get("k"), "the change log never dropped the key");
      System.out.printf("another process's change seen after %d µs (poll interval 20 ms)%n",
          (System.nanoTime() - changed) / 1_000);
      overwriteInTheFile("other", "o2 elsewhere");
      Thread.sleep(200);
      assertEquals("o2 elsewhere", cache.get("other"));
    }
  }

  @Test
  void managersInOneJvmHearEachOthersWrites() {
    try (TiffinCachingProvider first = provider(); TiffinCachingProvider second = provider()) {
      Cache<String, String> here = cache(first);
      Cache<String, String> there = cache(second);
      here.put("k", "v1");
      assertEquals("v1", there.get("k"));

      here.put("k", "v2");
      assertEquals("v2", there.get("k"));
      here.remove("k");
      assertEquals(null, there.get("k"));
      there.put("k", "v3");
      here.clear();
      assertEquals(null, there.get("k"));
    }
  }

  @Test
  void aMutableValueIsCopiedOnEveryRead() {
    try (TiffinCachingProvider provider = provider()) {
      Cache<String, java.util.ArrayList<String>> cache = provider.getCacheManager().createCache("lists",
          new MutableConfiguration<String, java.util.ArrayList<String>>());
      cache.put("k", new java.util.ArrayList<>(java.util.List.of("a")));
      cache.get("k").add("changed by the caller");

      assertEquals(java.util.List.of("a"), cache.get("k"), "store-by-value: the tier handed out its own copy");
    }
  }

  @Test
  void everyReadIsRightWhenTheTierEvictsAndIsCleared() {
    try (TiffinCachingProvider provider = provider()) {
      Cache<String, String> cache = cache(provider);
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 500; i++) {
          cache.put("k" + i, "v" + round + "-" + i);
        }
        for (int pass = 0; pass < 2; pass++) {
          for (int i = 0; i < 500; i++) {
            assertEquals("v" + round + "-" + i, cache.get("k" + i), "the tier holds 100 of 500 keys");
          }
        }
        cache.removeAll(java.util.Set.of("k1", "k2"));
        assertEquals(null, cache.get("k1"));
        cache.clear();
        assertEquals(null, cache.get("k3"));
      }
    }
  }
}
