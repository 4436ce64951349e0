package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.testing.redis.RedisCluster;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.TongrdsProfile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entry processors and {@code incr} are atomic in the store: two JVMs × 5,000 increments of one key
 * end at exactly 10,000, on every backend.
 */
class TwoProcessInvokeTest {

  static final int INCREMENTS = 5_000;

  @TempDir
  Path folder;

  @Test
  void onSqlite() throws Exception {
    assertTwoJvmsEndAtTheExactSum("sqlite:" + folder.resolve("shared.db"));
  }

  @Test
  void onRedis() throws Exception {
    try (RedisServer server = RedisServer.start(folder.resolve("redis"))) {
      assertTwoJvmsEndAtTheExactSum(server.uri());
    }
  }

  @Test
  void onRedisCluster() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(folder.resolve("cluster"), 3)) {
      assertTwoJvmsEndAtTheExactSum(cluster.uri());
    }
  }

  @Test
  void onTheTongrdsProfileWithoutGetexOrGetdel() throws Exception {
    try (RedisServer profile = TongrdsProfile.start(folder.resolve("tongrds"), false)) {
      assertTwoJvmsEndAtTheExactSum("tongrds://127.0.0.1:" + profile.port());
    }
  }

  private void assertTwoJvmsEndAtTheExactSum(String uri) throws Exception {
    ChildJvms.runTogether(folder, IncrementWorker.class, uri, 2, worker -> List.of());
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      CacheManager manager = provider.getCacheManager(URI.create(uri), null);
      Cache<String, Long> counters = manager.createCache("counters", IncrementWorker.configuration());
      assertEquals(2L * INCREMENTS, counters.get("hits"));
    }
    ChildJvms.runTogether(folder, IncrWorker.class, uri, 2, worker -> List.of());
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      CacheManager manager = provider.getCacheManager(URI.create(uri), null);
      @SuppressWarnings("unchecked")
      TiffinCache<String, String> counters = manager.createCache("store-counters", IncrWorker.configuration())
          .unwrap(TiffinCache.class);
      assertEquals(2L * INCREMENTS, counters.getNumeric("hits"));
    }
  }

  /** The child JVM counting with the store operation {@code incr}, one atomic step in the store each. */
  public static final class IncrWorker {

    static MutableConfiguration<String, String> configuration() {
      return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
      try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
        CacheManager manager = provider.getCacheManager(URI.create(args[0]), null);
        TiffinCache<String, String> counters = manager.createCache("store-counters", configuration())
            .unwrap(TiffinCache.class);
        counters.exists("hits");
        Files.createFile(Path.of(args[2]));
        ChildJvms.awaitGo(Path.of(args[1]));
        for (int i = 0; i < INCREMENTS; i++) {
          counters.incr("hits", 1);
        }
      }
    }
  }

  /** The child JVM: signals it is ready, waits for the go file so both workers overlap, then increments. */
  public static final class IncrementWorker {

    static MutableConfiguration<String, Long> configuration() {
      return new MutableConfiguration<String, Long>().setTypes(String.class, Long.class);
    }

    public static void main(String[] args) throws Exception {
      Path go = Path.of(args[1]);
      try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
        CacheManager manager = provider.getCacheManager(URI.create(args[0]), null);
        Cache<String, Long> counters = manager.createCache("counters", configuration());
        counters.containsKey("hits");
        Files.createFile(Path.of(args[2]));
        ChildJvms.awaitGo(go);
        for (int i = 0; i < INCREMENTS; i++) {
          counters.invoke("hits", (entry, arguments) -> {
            entry.setValue(entry.exists() ? entry.getValue() + 1 : 1L);
            return null;
          });
        }
      }
    }
  }
}
