package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.testing.redis.CommandRecorder;
import dev.tiffin.testing.redis.FreePorts;
import dev.tiffin.testing.redis.LocalRedis;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.RedisSentinelSetup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tiffin over a real Redis server: isolation, least privilege, the commands it sends, and failures. */
class RedisBackendTest {

  /** Commands that touch the whole keyspace; Tiffin must never send one. */
  private static final Set<String> KEYSPACE_WIDE = Set.of(
      "KEYS", "FLUSHDB", "FLUSHALL", "RANDOMKEY", "DBSIZE", "SWAPDB", "MOVE", "MIGRATE", "DEBUG", "CONFIG");

  @TempDir
  static Path folder;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  private static TiffinCachingProvider provider(Map<String, String> settings) {
    return TestProviders.withSettings(folder, settings);
  }

  private static CacheManager manager(TiffinCachingProvider provider, String app) {
    return provider.getCacheManager(URI.create(app), null);
  }

  @Test
  void applicationsSharingOneDatabaseNeverSeeOrClearEachOther() {
    try (TiffinCachingProvider provider = provider(Map.of("tiffin.store.default.uri", REDIS.server().uri()))) {
      Cache<String, String> shop = manager(provider, "shop").createCache("users", new MutableConfiguration<>());
      Cache<String, String> blog = manager(provider, "blog").createCache("users", new MutableConfiguration<>());
      shop.put("k", "shop's");
      blog.put("k", "blog's");
      shop.clear();
      assertNull(shop.get("k"));
      assertEquals("blog's", blog.get("k"));
      blog.removeAll();
      assertEquals("", REDIS.server().cli("GET", "blog:users:k"));
    }
  }

  @Test
  void everyCommandStaysInsideTheApplicationsKeys() {
    try (TiffinCachingProvider provider = provider(Map.of("tiffin.store.default.uri", REDIS.server().uri()));
         CommandRecorder recorder = REDIS.server().monitor()) {
      RedisWorkload.run(manager(provider, "audited"), "audit");
      recorder.sync();
      List<List<String>> commands = recorder.commands();
      assertFalse(commands.isEmpty());
      for (List<String> command : commands) {
        String name = command.get(0);
        assertFalse(KEYSPACE_WIDE.contains(name), "keyspace-wide command sent: " + command);
        if (name.equals("SCAN")) {
          int match = command.indexOf("MATCH");
          assertTrue(match > 0 && command.get(match + 1).startsWith("audited:audit:"), "unscoped scan: " + command);
        }
        if (Set.of("GET", "SET", "GETEX", "GETDEL", "UNLINK", "DEL").contains(name)) {
          assertTrue(command.get(1).startsWith("audited:"), "key outside the app: " + command);
        }
        if (Set.of("EVALSHA", "EVAL").contains(name) && !command.get(2).equals("0")) {
          assertEquals("1", command.get(2), "scripts declare their one key: " + command);
          assertTrue(command.get(3).startsWith("audited:"), "script key outside the app: " + command);
        }
        if (name.equals("PUBLISH")) {
          assertTrue(command.get(1).startsWith("audited:"), "channel outside the app: " + command);
        }
      }
    }
  }

  @Test
  void worksUnderAnAclUserLimitedToItsPrefix() {
    assertEquals("OK", REDIS.server().cli("ACL", "SETUSER", "limited", "on", ">s3cret-pass", "~limited:*", "&limited:*",
        "+@all", "-@dangerous"));
    try (TiffinCachingProvider provider = provider(Map.of(
        "tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.store.default.username", "limited",
        "tiffin.store.default.password", "s3cret-pass"))) {
      RedisWorkload.run(manager(provider, "limited"), "acl");
    }
    try (TiffinCachingProvider provider = provider(Map.of(
        "tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.store.default.username", "limited",
        "tiffin.store.default.password", "s3cret-pass"))) {
      CacheManager outside = manager(provider, "intruder");
      CacheException refused = assertThrows(CacheException.class,
          () -> outside.createCache("x", new MutableConfiguration<>()).put("k", "v"));
      assertTrue(refused.getMessage().contains("NOPERM") || refused.getMessage().contains("permission"),
          refused.getMessage());
    }
  }

  @Test
  void wrongPasswordIsAClearErrorWithoutTheSecret() {
    REDIS.server().cli("ACL", "SETUSER", "guarded", "on", ">right-password", "~*", "+@all");
    try (TiffinCachingProvider provider = provider(Map.of(
        "tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.store.default.username", "guarded",
        "tiffin.store.default.password", "wrong-password-42"))) {
      CacheManager manager = manager(provider, "pw");
      CacheException error = assertThrows(CacheException.class,
          () -> manager.createCache("c", new MutableConfiguration<>()));
      assertTrue(error.getMessage().contains("authentication failed"), error.getMessage());
      assertTrue(error.getMessage().contains("127.0.0.1:" + REDIS.server().port()), error.getMessage());
      assertFalse(error.getMessage().contains("wrong-password-42"), error.getMessage());
      assertFalse(String.valueOf(manager.getProperties()).contains("wrong-password-42"));
    }
  }

  @Test
  void serverDownAtStartFailsFastNamingHostAndPort() {
    int port = FreePorts.next();
    try (TiffinCachingProvider provider = provider(Map.of(
        "tiffin.store.default.uri", "redis://127.0.0.1:" + port, "tiffin.store.default.timeout", "1s"))) {
      CacheManager manager = manager(provider, "down");
      CacheException error = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
          assertThrows(CacheException.class, () -> manager.createCache("c", new MutableConfiguration<>())));
      assertTrue(error.getMessage().contains("127.0.0.1:" + port), error.getMessage());
      assertTrue(error.getMessage().contains("cannot connect"), error.getMessage());
    }
  }

  @Test
  void operationsRecoverAfterTheServerRestarts() throws Exception {
    try (RedisServer restartable = RedisServer.start(folder.resolve("restartable"));
         TiffinCachingProvider provider = provider(Map.of("tiffin.store.default.uri", restartable.uri()))) {
      Cache<String, String> cache = manager(provider, "restart").createCache("c", new MutableConfiguration<>());
      for (int i = 0; i < 8; i++) {
        cache.put("k" + i, "before");
      }
      restartable.restart();
      int failures = 0;
      for (int i = 0; i < 8; i++) {
        try {
          cache.put("k" + i, "after");
        } catch (CacheException e) {
          failures++;
        }
      }
      assertTrue(failures <= 1, "stale pooled connections are dropped together, failures: " + failures);
      cache.put("k0", "after");
      assertEquals("after", cache.get("k0"));
    }
  }

  @Test
  void passwordInsideTheUriIsRefusedWithoutEchoingIt() {
    try (TiffinCachingProvider provider = provider(Map.of(
        "tiffin.store.default.uri", "redis://app:leaked-secret@127.0.0.1:" + REDIS.server().port()))) {
      CacheException error = assertThrows(CacheException.class, () -> manager(provider, "leak"));
      assertTrue(error.getMessage().contains("tiffin.store.default.password"), error.getMessage());
      assertFalse(error.getMessage().contains("leaked-secret"), error.getMessage());
    }
  }

  @Test
  void sentinelFindsTheMaster() {
    try (RedisSentinelSetup sentinel = RedisSentinelSetup.start(folder.resolve("sentinel"));
         TiffinCachingProvider provider = provider(Map.of("tiffin.store.default.uri", sentinel.uri()))) {
      Cache<String, String> cache = manager(provider, "ha").createCache("c", new MutableConfiguration<>());
      cache.put("k", "through sentinel");
      assertEquals("through sentinel", cache.get("k"));
      assertEquals("through sentinel", sentinel.master().cli("GET", "ha:c:k"), "a String is stored as its text");
    }
  }
}
