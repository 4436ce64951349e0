package dev.tiffin.provider.store.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.config.Secret;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import dev.tiffin.testing.redis.RedisCluster;
import dev.tiffin.testing.redis.RedisServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store primitives on a real standalone server and a real 3-master cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStoreTest {

  private static final String PASSWORD = "s3cret-store-pass";

  @TempDir
  static Path folder;

  private RedisServer server;
  private RedisCluster cluster;
  private RedisStore standalone;
  private RedisStore clustered;

  @BeforeAll
  void start() {
    server = RedisServer.start(folder.resolve("standalone"));
    cluster = RedisCluster.start(folder.resolve("cluster"), 3);
    standalone = open(server.uri(), Optional.empty());
    clustered = open(cluster.uri(), Optional.empty());
  }

  @AfterAll
  void stop() {
    standalone.close();
    clustered.close();
    server.close();
    cluster.close();
  }

  private static RedisStore open(String uri, Optional<Secret> password) {
    return new RedisStore(new StoreSettings("test", URI.create(uri), Duration.ofSeconds(5), 4, Duration.ofMinutes(1),
        Optional.empty(), password), "test", System::currentTimeMillis);
  }

  Stream<RedisStore> stores() {
    return Stream.of(standalone, clustered);
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("stores")
  void compareAndSetOnlyLandsOnTheExpectedBytes(RedisStore store) {
    byte[] key = b("cas:" + store.hashCode());
    assertTrue(store.compareAndSet(key, null, b("v1"), StoredEntry.ETERNAL));
    assertFalse(store.compareAndSet(key, null, b("other"), StoredEntry.ETERNAL), "insert over an entry");
    assertFalse(store.compareAndSet(key, b("stale"), b("v2"), StoredEntry.ETERNAL));
    assertTrue(store.compareAndSet(key, b("v1"), b("v2"), ByteStore.KEEP_EXPIRY));
    assertArrayEquals(b("v2"), store.get(key).value());
    assertFalse(store.compareAndSet(key, b("v1"), null, 0), "remove with stale bytes");
    assertTrue(store.compareAndSet(key, b("v2"), null, 0));
    assertNull(store.get(key));
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("stores")
  void expiryIsTheServersTtl(RedisStore store) {
    byte[] key = b("ttl:" + store.hashCode());
    long now = System.currentTimeMillis();
    store.put(key, b("v"), now + 60_000, ByteStore.KEEP_EXPIRY);
    store.put(key, b("v2"), now + 60_000, ByteStore.KEEP_EXPIRY);
    assertTrue(store.touch(key, b("v2"), StoredEntry.ETERNAL));
    assertArrayEquals(b("v2"), store.getAndTouch(key, now + 60_000, now).value());
    assertTrue(store.touch(key, b("v2"), now - 1), "an expiry in the past removes the entry");
    assertNull(store.get(key));
    store.put(key, b("v3"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    assertArrayEquals(b("v3"), store.getAndTouch(key, now, now).value(), "zero time to live: read, then gone");
    assertNull(store.get(key));
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("stores")
  void scanAndClearTouchOnlyTheirPrefixEvenWithGlobCharacters(RedisStore store) {
    String prefix = "app:c[1]*?:";
    for (int i = 0; i < 30; i++) {
      store.put(b(prefix + i), b("v" + i), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    }
    store.put(b("app:c1x:0"), b("a glob would match me"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    store.put(b("other:c[1]*?:0"), b("another app"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    Set<String> seen = new HashSet<>();
    byte[] cursor = null;
    do {
      ScanPage page = store.scan(b(prefix), cursor, 7);
      for (KeyedEntry row : page.entries()) {
        seen.add(new String(row.key(), StandardCharsets.UTF_8));
      }
      cursor = page.cursor();
    } while (cursor != null);
    assertEquals(30, seen.size());
    assertTrue(seen.stream().allMatch(key -> key.startsWith(prefix)));
    assertEquals(30, store.clear(b(prefix)));
    assertArrayEquals(b("a glob would match me"), store.get(b("app:c1x:0")).value());
    assertArrayEquals(b("another app"), store.get(b("other:c[1]*?:0")).value());
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("stores")
  void bulkReadsAnswerInRequestOrderAcrossSlots(RedisStore store) {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add(b("bulk:" + i));
      if (i % 2 == 0) {
        store.put(keys.get(i), b("v" + i), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
      }
    }
    List<StoredEntry> found = store.getAll(keys);
    for (int i = 0; i < 50; i++) {
      if (i % 2 == 0) {
        assertArrayEquals(b("v" + i), found.get(i).value());
      } else {
        assertNull(found.get(i));
      }
    }
    store.removeAll(keys);
    assertTrue(store.getAll(keys).stream().allMatch(entry -> entry == null));
  }

  @Test
  void probeFindsEverythingOnRedis7() {
    RedisDialect dialect = standalone.dialect();
    assertTrue(dialect.lua() && dialect.getex() && dialect.getdel() && dialect.keepTtl() && dialect.setGet()
        && dialect.pubsub(), dialect.describe());
    assertEquals("", server.cli("KEYS", "test:tiffin-probe:*"), "the probe leaves nothing behind");
  }

  @Test
  void withoutKeepTtlTheScriptsKeepTheExpiryThemselves() {
    RedisDialect noKeepTtl = new RedisDialect("Redis", true, true, true, false, false, true);
    try (RedisStore store = new RedisStore(new StoreSettings("test", URI.create(server.uri()), Duration.ofSeconds(5),
        2, Duration.ofMinutes(1)), "test", System::currentTimeMillis, noKeepTtl)) {
      long now = System.currentTimeMillis();
      store.put(b("keep"), b("v1"), now + 60_000, ByteStore.KEEP_EXPIRY);
      store.put(b("keep"), b("v2"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
      long left = Long.parseLong(server.cli("PTTL", "keep"));
      assertTrue(left > 30_000 && left <= 60_000, "expiry kept: " + left);
      assertTrue(store.compareAndSet(b("keep"), b("v2"), b("v3"), ByteStore.KEEP_EXPIRY));
      assertTrue(Long.parseLong(server.cli("PTTL", "keep")) > 30_000, "kept through compare-and-set");
      store.put(b("fresh"), b("v"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
      assertEquals("-1", server.cli("PTTL", "fresh"), "a new entry under eternal creation has no TTL");
    }
  }

  @Test
  void describesItselfWithoutSecrets() {
    try (RedisServer guarded = RedisServer.start(folder.resolve("guarded"), List.of("requirepass " + PASSWORD));
         RedisStore store = open(guarded.uri(), Optional.of(new Secret(PASSWORD)))) {
      store.ping(); // logged in, so the store holds the password that must not show
      assertTrue(store.describe().contains(guarded.host() + ":" + guarded.port()), store.describe());
      assertFalse(store.describe().contains(PASSWORD), store.describe());
      assertFalse(store.toString().contains(PASSWORD), store.toString());
      assertFalse(store.serverInfo().toString().contains(PASSWORD), store.serverInfo().toString());
    }
    standalone.ping();
    clustered.ping();
  }
}
