package dev.tiffin.provider;

import dev.tiffin.testing.redis.LocalRedis;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A near tier hears the writes of its namesakes that keep none, three providers standing for three
 * JVMs on one Redis: a cache without a near tier (as the CLI opens one), and a manager destroying the
 * cache without ever opening it.
 */
class WritersWithoutANearTierTest {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @TempDir
  Path folder;

  private TiffinCachingProvider provider(int nearEntries) {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.cache.shared.near.max-entries", Integer.toString(nearEntries), "tiffin.cache.shared.near.max-age", "10m"));
  }

  @SuppressWarnings("unchecked")
  private static Cache<String, String> cache(TiffinCachingProvider provider) {
    Cache<?, ?> declared = provider.getCacheManager().getCache("shared");
    return (Cache<String, String>) declared;
  }

  @Test
  void everyWriteOfACacheWithoutANearTierReachesTheNearTierOfItsNamesake() throws Exception {
    try (TiffinCachingProvider reading = provider(1_000); TiffinCachingProvider writing = provider(0)) {
      Cache<String, String> reader = cache(reading);
      Cache<String, String> writer = cache(writing);
      writer.put("k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");

      writer.put("k", "v2");
      NearProbe.awaitEquals("v2", () -> reader.get("k"), "a put without a near tier never reached the reader");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
      writer.replace("k", "v2", "v3");
      NearProbe.awaitEquals("v3", () -> reader.get("k"), "a compare-and-set never reached the reader");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
      writer.remove("k");
      NearProbe.awaitEquals(null, () -> reader.get("k"), "a remove never reached the reader");
      writer.putAll(Map.of("a", "1", "b", "2"));
      NearProbe.awaitNearHolds(REDIS.server(), reader, "a");
      writer.removeAll(Set.of("a"));
      NearProbe.awaitEquals(null, () -> reader.get("a"), "a removeAll never reached the reader");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "b");
      writer.clear();
      NearProbe.awaitEquals(null, () -> reader.get("b"), "a clear never reached the reader");
    }
  }

  @Test
  void destroyingTheCacheWhereItWasNeverOpenedFlushesTheNearTiersThatHoldIt() throws Exception {
    try (TiffinCachingProvider reading = provider(1_000); TiffinCachingProvider destroying = provider(0)) {
      Cache<String, String> reader = cache(reading);
      reader.put("k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");

      destroying.getCacheManager().destroyCache("shared");

      NearProbe.awaitEquals(null, () -> reader.get("k"), "the destroyed cache's entry was still served");
    }
  }
}
