package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.store.redis.RedisDialect;
import dev.tiffin.provider.store.redis.RedisStore;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.TongrdsProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TongRDS dialect against a real server that refuses on the wire what TongRDS lacks. */
class TongrdsDialectTest {

  @TempDir
  Path folder;

  private static TiffinCachingProvider provider(Path home, String uri, Map<String, String> more) {
    Map<String, String> settings = new java.util.HashMap<>(more);
    settings.put("tiffin.store.default.uri", uri);
    return TestProviders.withSettings(home, settings);
  }

  @Test
  void withoutTheRedis62CommandsItFallsBackToLuaAndNeverSendsWhatTongrdsLacks() {
    try (RedisServer profile = TongrdsProfile.start(folder.resolve("profile"), false);
         TiffinCachingProvider provider = provider(folder, "tongrds://127.0.0.1:" + profile.port(), Map.of())) {
      RedisStore store = new RedisStore(new StoreSettings("probe", URI.create("tongrds://127.0.0.1:" + profile.port()),
          Duration.ofSeconds(5), 2, Duration.ofMinutes(1)), "probe", System::currentTimeMillis);
      RedisDialect dialect = store.dialect();
      store.close();
      assertTrue(dialect.lua());
      assertFalse(dialect.getex());
      assertFalse(dialect.getdel());
      assertEquals("TongRDS", dialect.product());

      CacheManager manager = provider.getCacheManager(URI.create("tong"), null);
      RedisWorkload.run(manager, "workload");
      Cache<String, String> accessed = manager.createCache("accessed", new MutableConfiguration<String, String>()
          .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(
              new javax.cache.expiry.Duration(TimeUnit.MINUTES, 5))));
      accessed.put("k", "v");
      assertEquals("v", accessed.get("k"), "access expiry without GETEX: read, then compare-and-touch");

      // Only the probes may have been refused; nothing else TongRDS lacks was ever sent.
      assertEquals(Set.of("getex", "getdel"), Set.copyOf(TongrdsProfile.refusedCommands(profile)));
      String clients = profile.cli("--user", TongrdsProfile.ADMIN, "--pass", TongrdsProfile.ADMIN_PASSWORD,
          "--no-auth-warning", "CLIENT", "LIST");
      List<String> tiffin = clients.lines().filter(line -> line.contains("name=tiffin")).toList();
      assertFalse(tiffin.isEmpty(), clients);
      assertTrue(tiffin.stream().allMatch(line -> line.contains("resp=2")), "RESP2 only, no HELLO 3: " + tiffin);
    }
  }

  @Test
  void withoutLuaItRefusesToStartAndSaysWhy() {
    try (RedisServer noLua = TongrdsProfile.start(folder.resolve("no-lua"), true);
         TiffinCachingProvider provider = provider(folder, "tongrds://127.0.0.1:" + noLua.port(), Map.of())) {
      CacheManager manager = provider.getCacheManager(URI.create("tong"), null);
      CacheException error = assertThrows(CacheException.class,
          () -> manager.createCache("c", new MutableConfiguration<>()));
      assertTrue(error.getMessage().contains("refuses Lua scripting (EVAL/EVALSHA)"), error.getMessage());
      assertTrue(error.getMessage().contains("127.0.0.1:" + noLua.port()), error.getMessage());
      assertTrue(error.getMessage().contains("GETEX no"), error.getMessage());
    }
  }

  @Test
  void tongrdsAuthenticatesByPasswordOnly() {
    try (TiffinCachingProvider provider = provider(folder, "tongrds://127.0.0.1:6399",
        Map.of("tiffin.store.default.username", "someone"))) {
      CacheManager manager = provider.getCacheManager(URI.create("tong"), null);
      CacheException error = assertThrows(CacheException.class,
          () -> manager.createCache("c", new MutableConfiguration<>()));
      assertTrue(error.getMessage().contains("password only"), error.getMessage());
    }
  }
}
