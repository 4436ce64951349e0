package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.near.InvalidationMessage;
import dev.tiffin.testing.redis.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * The near tier's coherence over Redis, two providers standing for two JVMs: a reader never serves a
 * value for long after a newer write, not when its invalidation connection is killed, and not when a
 * message is lost (the sender's next number or heartbeat gives the loss away).
 */
class NearCoherenceTest {

  private static final String CHANNEL = "tiffin:near#near";

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @TempDir
  Path folder;

  private TiffinCachingProvider provider() {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.cache.near.near.max-entries", "1000", "tiffin.cache.near.near.max-age", "30s"));
  }

  /** The cache the settings declare (tiffin.cache.near.*), as an application configured in a file gets it. */
  @SuppressWarnings("unchecked")
  private static Cache<String, String> cache(TiffinCachingProvider provider) {
    Cache<?, ?> declared = provider.getCacheManager().getCache("near");
    return (Cache<String, String>) declared;
  }

  /** Reads {@code key} until it is {@code expected}, for up to {@code seconds}; returns the last value read. */
  private static String awaitValue(Cache<String, String> reader, String key, String expected, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String seen = reader.get(key);
    while (!expected.equals(seen) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      seen = reader.get(key);
    }
    return seen;
  }

  @Test
  void aWriteWhoseInvalidationCouldNotBePublishedIsFollowedByAFlushOnceItCan() throws Exception {
    try (TiffinCachingProvider writing = provider(); TiffinCachingProvider reading = provider()) {
      Cache<String, String> writer = cache(writing);
      Cache<String, String> reader = cache(reading);
      // The reader writes first: it has never heard from the writer, so no number can give a loss away.
      reader.put("k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
      REDIS.server().cli("ACL", "SETUSER", "default", "-publish");
      try {
        writer.put("k", "v2");
        Thread.sleep(300);
        assertEquals("v1", reader.get("k"), "the refused PUBLISH reached the reader after all");
      } finally {
        REDIS.server().cli("ACL", "SETUSER", "default", "+publish");
      }

      assertEquals("v2", awaitValue(reader, "k", "v2", 5), "the reader kept the value the lost message dropped");
    }
  }

  @Test
  void aFlushOwedWhenTheManagerClosesIsStillSentWhileItCloses() throws Exception {
    try (TiffinCachingProvider reading = provider()) {
      Cache<String, String> reader = cache(reading);
      TiffinCachingProvider writing = provider();
      Cache<String, String> writer = cache(writing);
      reader.put("k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
      REDIS.server().cli("ACL", "SETUSER", "default", "-publish");
      Thread restore = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        REDIS.server().cli("ACL", "SETUSER", "default", "+publish");
      });
      try {
        writer.put("k", "v2");
        restore.start();
        writing.close();
      } finally {
        restore.join();
        REDIS.server().cli("ACL", "SETUSER", "default", "+publish");
      }

      assertEquals("v2", awaitValue(reader, "k", "v2", 2), "the flush owed at closing was never sent");
    }
  }

  @Test
  void aLockWhoseHolderVanishedIsFreeOnceItsLeaseRunsOutEvenToANearTierThatSawItHeld() {
    try (TiffinCachingProvider crashing = provider(); TiffinCachingProvider waiting = provider()) {
      TiffinCache<String, String> holder = cache(crashing).unwrap(TiffinCache.class);
      TiffinCache<String, String> other = cache(waiting).unwrap(TiffinCache.class);
      // Taken and never released: the holder stands for a JVM that crashed while holding it.
      holder.lock("k", Duration.ofMillis(300), Duration.ZERO);
      assertThrows(CacheException.class, () -> other.lock("k", Duration.ofSeconds(5), Duration.ZERO),
          "the lock was free while its lease ran");

      try (FlightLock taken = other.lock("k", Duration.ofSeconds(5), Duration.ofSeconds(5))) {
        assertTrue(taken != null);
      }
    }
  }

  @Test
  void aWriteJustBeforeItsManagerClosesStillReachesTheOtherJvm() throws Exception {
    try (TiffinCachingProvider reading = provider()) {
      Cache<String, String> reader = cache(reading);
      TiffinCachingProvider writing = provider();
      Cache<String, String> writer = cache(writing);
      writer.put("k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");

      writer.put("k", "v2");
      writing.close();

      assertEquals("v2", awaitValue(reader, "k", "v2", 2), "the invalidation queued before closing was not sent");
    }
  }

  @Test
  void aReaderNeverServesAValueLongAfterANewerWriteEvenWhenItsConnectionIsKilled() throws Exception {
    try (TiffinCachingProvider writing = provider(); TiffinCachingProvider reading = provider()) {
      Cache<String, String> writer = cache(writing);
      Cache<String, String> reader = cache(reading);
      writer.put("k", "0");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
      int writes = 10_000;
      AtomicLongArray written = new AtomicLongArray(writes + 2);
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong maxStaleNanos = new AtomicLong();
      AtomicLong reads = new AtomicLong();
      long getsBefore = REDIS.server().calls("get");
      Thread reading1 = new Thread(() -> {
        while (!done.get()) {
          int seen = Integer.parseInt(reader.get("k"));
          long now = System.nanoTime();
          reads.incrementAndGet();
          long supersededAt = written.get(seen + 1);
          if (supersededAt != 0 && supersededAt < now) {
            maxStaleNanos.accumulateAndGet(now - supersededAt, Math::max);
          }
        }
      });
      reading1.start();
      for (int i = 1; i <= writes; i++) {
        writer.put("k", Integer.toString(i));
        written.set(i, System.nanoTime());
        if (i == writes / 3 || i == 2 * writes / 3) {
          REDIS.server().cli("CLIENT", "KILL", "TYPE", "pubsub");
        }
      }
      done.set(true);
      reading1.join();

      long storeReads = REDIS.server().calls("get") - getsBefore;
      long staleMillis = TimeUnit.NANOSECONDS.toMillis(maxStaleNanos.get());
      System.out.println("near coherence: " + reads.get() + " reads, " + storeReads + " GETs reached Redis,"
          + " longest a superseded value was served: " + staleMillis + " ms");
      assertTrue(staleMillis < 1_000, "a superseded value was served for " + staleMillis + " ms");
      assertTrue(storeReads < reads.get(), "the near tier served no read: " + storeReads + " of " + reads.get());
      assertEquals(Integer.toString(writes), reader.get("k"));
    }
  }

  @Test
  void aLostMessageIsNoticedAtTheSendersNextNumberAndTheStaleCopyDropped() throws Exception {
    try (TiffinCachingProvider reading = provider();
         RedisClient raw = RedisClient.create(REDIS.server().host(), REDIS.server().port())) {
      Cache<String, String> reader = cache(reading);
      raw.set("tiffin:near:k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
      UUID sender = UUID.randomUUID();
      publish(raw, new InvalidationMessage(sender, 1, InvalidationMessage.Kind.KEYS, List.of(bytes("tiffin:near:other"))));

      // Another JVM writes v2 and its message 2, which invalidated k, is lost on the way.
      raw.set("tiffin:near:k", "v2");
      assertEquals("v1", reader.get("k"), "without the message the copy is (knowingly) stale");

      long heartbeat = System.nanoTime();
      publish(raw, new InvalidationMessage(sender, 2, InvalidationMessage.Kind.HEARTBEAT, List.of()));
      while (!"v2".equals(reader.get("k"))) {
        assertTrue(System.nanoTime() - heartbeat < TimeUnit.SECONDS.toNanos(2), "the lost message went unnoticed");
        Thread.sleep(1);
      }
      System.out.println("lost message noticed " + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - heartbeat)
          + " µs after the sender's heartbeat");
    }
  }

  @Test
  void aKilledInvalidationConnectionStopsTheNearTierAtOnce() throws Exception {
    try (TiffinCachingProvider reading = provider();
         RedisClient raw = RedisClient.create(REDIS.server().host(), REDIS.server().port())) {
      Cache<String, String> reader = cache(reading);
      raw.set("tiffin:near:k", "v1");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");

      REDIS.server().cli("CLIENT", "KILL", "TYPE", "pubsub");
      long killed = System.nanoTime();
      raw.set("tiffin:near:k", "v2");

      while (!"v2".equals(reader.get("k"))) {
        assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(1), "the stale copy outlived the connection");
        Thread.sleep(1);
      }
      System.out.println("killed subscriber noticed within " + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - killed)
          + " µs");
      NearProbe.awaitNearHolds(REDIS.server(), reader, "k");
    }
  }

  @Test
  void namespaceClearsClearsAndTagDeletionsInOneJvmReachTheNearTierOfAnother() throws Exception {
    try (TiffinCachingProvider writing = provider(); TiffinCachingProvider reading = provider()) {
      TiffinCache<String, String> writer = cache(writing).unwrap(TiffinCache.class);
      TiffinCache<String, String> reader = cache(reading).unwrap(TiffinCache.class);
      writer.namespace("tenant").set("k", "v1", java.time.Duration.ofMinutes(5));
      writer.getOrSet("tagged", GetOrSetOptions.defaults().withTags("t"), context -> "t1");
      writer.set("plain", "p1", java.time.Duration.ofMinutes(5));
      NearProbe.awaitNearHolds(REDIS.server(), cache(reading), "plain");
      assertEquals("v1", reader.namespace("tenant").get("k"));
      assertEquals("t1", reader.getOrSet("tagged", GetOrSetOptions.defaults().withTags("t"), context -> "other"));

      writer.namespace("tenant").clear();
      writer.deleteByTag("t");
      NearProbe.awaitEquals(null, () -> reader.namespace("tenant").get("k"), "the namespace clear never arrived");
      assertEquals(null, reader.get("tagged"), "a tag's invalidation is read from the store on every tagged read");
      writer.clear();
      NearProbe.awaitEquals(null, () -> reader.get("plain"), "the cache's clear never arrived");
    }
  }

  private static void publish(RedisClient raw, InvalidationMessage message) {
    raw.publish(bytes(CHANNEL), message.encode());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
