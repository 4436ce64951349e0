package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.testing.redis.RedisCluster;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.TongrdsProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entry processors are atomic in the store: two JVMs incrementing one key lose no update. */
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
    Path go = folder.resolve("go");
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), IncrementWorker.class.getName(),
          uri, go.toString(), folder.resolve("ready-" + i).toString())
          .redirectErrorStream(true)
          .redirectOutput(folder.resolve("worker-" + i + ".log").toFile())
          .start());
    }
    for (int i = 0; i < workers.size(); i++) {
      Path ready = folder.resolve("ready-" + i);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.exists(ready) && workers.get(i).isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    // Both JVMs are warmed up and waiting: they start incrementing together.
    Files.createFile(go);
    for (Process worker : workers) {
      if (!worker.waitFor(5, TimeUnit.MINUTES)) {
        worker.destroyForcibly();
      }
      assertEquals(0, worker.exitValue(), () -> log(0) + log(1));
    }
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      CacheManager manager = provider.getCacheManager(URI.create(uri), null);
      Cache<String, Long> counters = manager.createCache("counters", IncrementWorker.configuration());
      assertEquals(2L * INCREMENTS, counters.get("hits"));
    }
  }

  private String log(int worker) {
    try {
      return Files.readString(folder.resolve("worker-" + worker + ".log"));
    } catch (IOException e) {
      return e.toString();
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
        while (!Files.exists(go)) {
          Thread.sleep(5);
        }
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
