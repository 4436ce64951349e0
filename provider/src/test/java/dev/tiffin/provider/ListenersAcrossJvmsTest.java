package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tiffin.provider.near.InvalidationMessage;
import dev.tiffin.testing.redis.LocalRedis;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.cache.event.EventType;
import redis.clients.jedis.RedisClient;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listeners-across-jvms}: a listener registered on a cache in one provider (standing for a
 * JVM) hears the changes made through its namesake in another, with values, old values and its
 * filter applied, in order; the writer's own listener hears each event once.
 */
class ListenersAcrossJvmsTest {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @TempDir
  Path folder;

  /** Collects every event it hears as "TYPE key value old". */
  public static final class Recorder implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>, Serializable {
    final List<String> heard = new CopyOnWriteArrayList<>();

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        heard.add(event.getEventType() + " " + event.getKey() + " " + event.getValue() + " "
            + (event.isOldValueAvailable() ? event.getOldValue() : "-"));
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }
  }

  /** Lets through every key but "quiet". */
  public static final class NotQuiet implements CacheEntryEventFilter<String, String>, Serializable {
    @Override
    public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
      return !event.getKey().equals("quiet");
    }
  }

  private TiffinCachingProvider provider(String uri) {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", uri,
        "tiffin.cache.shared.listeners-across-jvms", "true"));
  }

  @SuppressWarnings("unchecked")
  private static Cache<String, String> cache(TiffinCachingProvider provider) {
    return (Cache<String, String>) (Cache<?, ?>) provider.getCacheManager().getCache("shared");
  }

  private static Recorder listen(Cache<String, String> cache, boolean synchronous) {
    Recorder recorder = new Recorder();
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(recorder), FactoryBuilder.factoryOf(new NotQuiet()), true, synchronous));
    return recorder;
  }

  @Test
  void onRedisAListenerHearsAnotherJvmsChanges() throws Exception {
    hearsTheOtherSide(REDIS.server().uri());
  }

  @Test
  void onSqliteAListenerHearsAnotherManagerInThisJvm() throws Exception {
    Path file = folder.resolve("shared.db");
    hearsTheOtherSide("sqlite:" + file);
    // Events travel within this JVM: the change log other processes' near tiers poll is not made for them.
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet logs = connection.getMetaData().getTables(null, null, "tiffin_changes", null)) {
      assertFalse(logs.next(), "no change log (nor its triggers) without a near tier");
    }
  }

  private void hearsTheOtherSide(String uri) throws Exception {
    try (TiffinCachingProvider writing = provider(uri); TiffinCachingProvider listening = provider(uri)) {
      Cache<String, String> writer = cache(writing);
      Cache<String, String> reader = cache(listening);
      Recorder there = listen(reader, false);
      Recorder thereSync = listen(reader, true);
      Recorder here = listen(writer, true);
      awaitSubscribed(writer, there);
      List.of(there, thereSync, here).forEach(recorder -> recorder.heard.clear());

      writer.put("k", "v1");
      writer.put("k", "v2");
      writer.put("quiet", "q");
      writer.remove("k");

      List<String> expected = List.of("CREATED k v1 -", "UPDATED k v2 v1", "REMOVED k v2 v2");
      await(there, expected);
      await(thereSync, expected);
      assertEquals(expected, here.heard, "the writer's own listener hears each event once, at once");
    }
  }

  @Test
  void afterALostMessageTheEventsThatDoArriveAreStillDelivered() throws Exception {
    try (TiffinCachingProvider listening = provider(REDIS.server().uri());
         RedisClient raw = RedisClient.create(REDIS.server().host(), REDIS.server().port())) {
      Cache<String, String> reader = cache(listening);
      Recorder there = listen(reader, false);
      UUID sender = UUID.randomUUID();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      // Until the subscription is confirmed a message may go unheard: repeat the first one until it is heard.
      while (there.heard.isEmpty() && System.nanoTime() < deadline) {
        publish(raw, sender, 1, "k1", "v1");
        Thread.sleep(20);
      }
      there.heard.clear();

      publish(raw, sender, 3, "k3", "v3");

      await(there, List.of("CREATED k3 v3 -"));
    }
  }

  /** Publishes, as another JVM would, one EVENTS message holding a CREATED event. */
  private static void publish(RedisClient raw, UUID sender, long sequence, String key, String value) {
    byte[] storeKey = ("tiffin:shared:" + key).getBytes(StandardCharsets.UTF_8);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    byte[] record = ByteBuffer.allocate(1 + 12 + storeKey.length + bytes.length)
        .put((byte) EventType.CREATED.ordinal()).putInt(storeKey.length).put(storeKey)
        .putInt(bytes.length).put(bytes).putInt(-1).array();
    raw.publish("tiffin:shared#events".getBytes(StandardCharsets.UTF_8),
        new InvalidationMessage(sender, sequence, InvalidationMessage.Kind.EVENTS, List.of(record)).encode());
  }

  /** Writes a probe key until the other side hears it (its subscription is confirmed), then removes it. */
  private static void awaitSubscribed(Cache<String, String> writer, Recorder there) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (there.heard.stream().noneMatch(line -> line.contains("probe")) && System.nanoTime() < deadline) {
      writer.put("probe", "p");
      Thread.sleep(20);
    }
    writer.remove("probe");
    Thread.sleep(200);
  }

  private static void await(Recorder recorder, List<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (recorder.heard.size() < expected.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    assertEquals(expected, new ArrayList<>(recorder.heard));
  }
}
