package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.testing.redis.LocalRedis;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.TongrdsProfile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The near tier's coherence between two JVMs: a child JVM writes one key 10,000 times while this one
 * reads it in a loop through its near tier. The reader never goes back to an older value, and never
 * serves a value longer after a newer write returned than the backend's stated window: on Redis and
 * on the TongRDS profile with every pub/sub connection killed twice during the run, on SQLite the
 * change log's poll interval.
 */
class NearCoherenceAcrossJvmsTest {

  private static final int WRITES = 10_000;
  private static final long POLL_MILLIS = 50;
  /** A poller or subscriber thread on a shared 2-core machine may wait this long for a core. */
  private static final long SCHEDULING_SLACK_MILLIS = 250;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @TempDir
  Path folder;

  @Test
  void onRedisAReaderServesNoValueLongerThanTheWindowAfterANewerWriteEvenWithItsConnectionKilled() throws Exception {
    long staleMillis = readWhileAnotherJvmWrites(REDIS.server().uri(),
        seen -> REDIS.server().cli("CLIENT", "KILL", "TYPE", "pubsub"));
    // Delivered messages arrive in milliseconds; a killed connection flushes at once.
    assertTrue(staleMillis < 1_000 + SCHEDULING_SLACK_MILLIS, "stale for " + staleMillis + " ms");
  }

  @Test
  void onTheTongrdsProfileTheSameHolds() throws Exception {
    try (RedisServer profile = TongrdsProfile.start(folder.resolve("tongrds"), false)) {
      long staleMillis = readWhileAnotherJvmWrites("tongrds://127.0.0.1:" + profile.port(),
          seen -> profile.cli("--user", TongrdsProfile.ADMIN, "--pass", TongrdsProfile.ADMIN_PASSWORD,
              "--no-auth-warning", "CLIENT", "KILL", "TYPE", "pubsub"));
      assertTrue(staleMillis < 1_000 + SCHEDULING_SLACK_MILLIS, "stale for " + staleMillis + " ms");
    }
  }

  @Test
  void onSqliteSharedByTwoProcessesStalenessIsBoundedByThePollInterval() throws Exception {
    long staleMillis = readWhileAnotherJvmWrites("sqlite:" + folder.resolve("shared.db"), seen -> { });
    assertTrue(staleMillis < POLL_MILLIS + SCHEDULING_SLACK_MILLIS, "stale for " + staleMillis + " ms");
  }

  /**
   * Reads while a child JVM writes 1..10,000, with {@code fault} run when the reader first sees a third
   * and two thirds of them; returns the longest time, in ms, a value was served after a newer write
   * had returned.
   */
  private long readWhileAnotherJvmWrites(String uri, Consumer<Integer> fault) throws Exception {
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      Cache<String, String> reader = Writer.cache(provider.getCacheManager(URI.create(uri), null, Writer.settings()));
      reader.put("k", "0");
      long[] lastSeen = new long[WRITES + 1];
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger backwards = new AtomicInteger();
      AtomicInteger newest = new AtomicInteger();
      long[] reads = new long[1];
      Thread reading = new Thread(() -> {
        while (!done.get()) {
          // Timed before the read: a value counts as stale only if the read began after the newer write.
          long began = System.nanoTime();
          int seen = Integer.parseInt(reader.get("k"));
          lastSeen[seen] = began;
          reads[0]++;
          if (seen < newest.get()) {
            backwards.incrementAndGet();
          }
          newest.accumulateAndGet(seen, Math::max);
        }
      }, "near-reader");
      Thread faults = new Thread(() -> {
        for (int third = 1; third <= 2 && !done.get(); ) {
          if (newest.get() >= third * WRITES / 3) {
            fault.accept(newest.get());
            third++;
          }
          Thread.onSpinWait();
        }
      }, "faults");
      reading.start();
      faults.start();
      Path times = folder.resolve("written-" + Math.abs(uri.hashCode()));
      try {
        ChildJvms.runTogether(folder, Writer.class, uri, 1, i -> List.of(times.toString()));
        // The last write's invalidation may still be on its way: give it the window before stopping.
        Thread.sleep(1_000);
      } finally {
        done.set(true);
        reading.join();
        faults.join();
      }
      long[] written = readTimes(times);
      long maxStale = 0;
      for (int v = 0; v < WRITES; v++) {
        if (lastSeen[v] != 0 && lastSeen[v] > written[v + 1]) {
          maxStale = Math.max(maxStale, lastSeen[v] - written[v + 1]);
        }
      }
      long staleMillis = TimeUnit.NANOSECONDS.toMillis(maxStale);
      System.out.printf("near coherence across JVMs on %s: %,d reads, longest a superseded value was served: "
          + "%.1f ms%n", uri.substring(0, uri.indexOf(':')), reads[0], maxStale / 1e6);
      assertEquals(0, backwards.get(), "the reader went back to an older value");
      assertEquals(Integer.toString(WRITES), reader.get("k"));
      return staleMillis;
    }
  }

  private static long[] readTimes(Path file) throws Exception {
    long[] times = new long[WRITES + 1];
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      for (int v = 1; v <= WRITES; v++) {
        times[v] = in.readLong();
      }
    }
    return times;
  }

  /**
   * The writing JVM: puts 1..10,000 and notes when each put returned (System.nanoTime is one clock for
   * every process on a Linux machine).
   */
  public static final class Writer {

    static Properties settings() {
      Properties settings = new Properties();
      settings.putAll(Map.of("tiffin.cache.near.near.max-entries", "1000", "tiffin.cache.near.near.max-age", "30s",
          "tiffin.store.default.change-poll-interval", POLL_MILLIS + "ms"));
      return settings;
    }

    @SuppressWarnings("unchecked")
    static Cache<String, String> cache(CacheManager manager) {
      return (Cache<String, String>) (Cache<?, ?>) manager.getCache("near");
    }

    public static void main(String[] args) throws Exception {
      long[] returned = new long[WRITES + 1];
      try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
        Cache<String, String> cache = cache(provider.getCacheManager(URI.create(args[0]), null, settings()));
        cache.get("k");
        Files.createFile(Path.of(args[2]));
        ChildJvms.awaitGo(Path.of(args[1]));
        for (int v = 1; v <= WRITES; v++) {
          cache.put("k", Integer.toString(v));
          returned[v] = System.nanoTime();
        }
      }
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[3])))) {
        for (int v = 1; v <= WRITES; v++) {
          out.writeLong(returned[v]);
        }
      }
    }
  }
}
