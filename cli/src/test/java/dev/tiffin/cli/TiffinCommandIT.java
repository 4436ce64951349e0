package dev.tiffin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.TongrdsProfile;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, run as operators run it: the packaged jar as a process, against real stores. */
class TiffinCommandIT {

  /** An application value class, to show how {@code get} prints what is not text. */
  record Order(String id, int quantity) implements java.io.Serializable {
  }

  @TempDir
  static Path folder;

  private static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start(folder.resolve("redis"));
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run tiffin(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("cli.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile()));
    builder.environment().put("XDG_CACHE_HOME", folder.resolve("xdg").toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("TIFFIN_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command did not end");
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static Run tiffin(String... args) throws Exception {
    return tiffin(Map.of(), args);
  }

  private static String sqlite() {
    return "sqlite:" + folder.resolve("cli.db");
  }

  private static final String SIGNING_KEY = "a-signing-key-for-the-cli-tests";

  /** The stores every command is run against; the shared ones with a signing key, as in production. */
  enum Store {
    SQLITE, REDIS, TONGRDS;

    String uri(RedisServer tongrds) {
      return switch (this) {
        case SQLITE -> sqlite();
        case REDIS -> redis.uri();
        case TONGRDS -> "tongrds://127.0.0.1:" + tongrds.port();
      };
    }

    Map<String, String> env() {
      return this == SQLITE ? Map.of() : Map.of("TIFFIN_STORE_DEFAULT_SIGNING_KEY", SIGNING_KEY);
    }
  }

  /** Fills caches through the library, as an application would. */
  private static void fill(String uri, Map<String, String> env) {
    CachingProvider provider = Caching.getCachingProvider("dev.tiffin.provider.TiffinCachingProvider");
    try {
      java.util.Properties settings = new java.util.Properties();
      if (env.containsKey("TIFFIN_STORE_DEFAULT_SIGNING_KEY")) {
        settings.setProperty("tiffin.store.default.signing-key", env.get("TIFFIN_STORE_DEFAULT_SIGNING_KEY"));
      }
      CacheManager manager = provider.getCacheManager(URI.create(uri), TiffinCommandIT.class.getClassLoader(),
          settings);
      Cache<String, Object> users = manager.getCache("users") != null ? manager.getCache("users")
          : manager.createCache("users", new MutableConfiguration<>());
      users.clear();
      for (int i = 0; i < 30; i++) {
        users.put("user:" + i, "name " + i);
      }
      users.put("star*key", "literal");
      users.put("order:1", new Order("o1", 3));
    } finally {
      provider.close();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Store.class)
  void everyCommandWorksWithoutNoise(Store store) throws Exception {
    try (RedisServer tongrds = TongrdsProfile.start(folder.resolve("tongrds-" + store), false)) {
      String uri = store.uri(tongrds);
      Map<String, String> env = store.env();
      fill(uri, env);
      Run ping = tiffin(env, "ping", uri);
      assertEquals(0, ping.exit(), ping.err());
      assertTrue(ping.out().contains("round trip"), ping.out());
      assertEquals("", ping.err(), "a healthy run prints no logging noise");

      Run caches = tiffin(env, "caches", "--uri", uri);
      assertEquals(0, caches.exit(), caches.err());
      assertTrue(caches.out().lines().anyMatch(line -> line.startsWith("users") && line.contains(" 32 ")), caches.out());

      Run keys = tiffin(env, "keys", "users", "user:1*", "--uri", uri);
      assertEquals(List.of("user:1", "user:10", "user:11", "user:12", "user:13", "user:14", "user:15", "user:16",
          "user:17", "user:18", "user:19"), keys.out().lines().sorted().toList());
      assertEquals(List.of("star*key"), tiffin(env, "keys", "users", "star\\*key", "--uri", uri).out().lines().toList());
      assertEquals(5, tiffin(env, "keys", "users", "--limit", "5", "--uri", uri).out().lines().count());

      Run text = tiffin(env, "get", "users", "user:7", "--uri", uri);
      assertTrue(text.out().contains("name 7"), text.out());
      Run object = tiffin(env, "get", "users", "order:1", "--uri", uri, "--json");
      assertEquals(Order.class.getName(), JsonParser.parseString(object.out()).getAsJsonObject().get("class").getAsString());
      assertTrue(object.out().contains("\"trust\":\"signed\""), object.out());

      Run del = tiffin(env, "del", "users", "user:1", "user:2", "nobody", "--uri", uri, "--json");
      assertEquals(2, JsonParser.parseString(del.out()).getAsJsonObject().get("removed").getAsInt());

      Run unconfirmed = tiffin(env, "clear", "users", "--uri", uri);
      assertEquals(2, unconfirmed.exit(), "no terminal and no --yes is a usage error");
      assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.err());
      Run cleared = tiffin(env, "clear", "users", "--yes", "--uri", uri);
      assertEquals(0, cleared.exit(), cleared.err());
      assertTrue(cleared.out().contains("30"), cleared.out());
      assertEquals("", tiffin(env, "keys", "users", "--uri", uri).out());

      Run stats = tiffin(env, "stats", "--uri", uri, "--json");
      assertEquals(0, stats.exit(), stats.err());
      assertTrue(JsonParser.parseString(stats.out()).isJsonArray(), stats.out());

      Run demo = tiffin(env, "demo", "--uri", store == Store.SQLITE ? "sqlite:" + folder.resolve("demo.db") : uri);
      assertTrue(demo.out().contains("3 gets, 1 hits, 2 misses"), demo.out() + demo.err());
    }
  }

  @Test
  void helpOnEveryCommandAndUsageErrorsExitWithTwo() throws Exception {
    for (String command : List.of("demo", "ping", "caches", "keys", "get", "del", "clear", "stats", "bench")) {
      Run help = tiffin(command, "--help");
      assertEquals(0, help.exit(), command);
      assertTrue(help.out().startsWith("Usage: tiffin " + command), help.out());
    }
    assertEquals(2, tiffin().exit());
    assertEquals(2, tiffin("frobnicate").exit());
    Run unknownOption = tiffin("ping", "--colour");
    assertEquals(2, unknownOption.exit());
    assertTrue(unknownOption.err().contains("--colour"), unknownOption.err());
    assertEquals(2, tiffin("keys").exit(), "a missing argument");
    Run badUri = tiffin("ping", "mysql://db");
    assertEquals(1, badUri.exit());
    assertTrue(badUri.err().contains("Unsupported cache manager URI 'mysql://db'"), badUri.err());
    Run unknownCache = tiffin("keys", "nosuchcache", "--uri", sqlite());
    assertEquals(1, unknownCache.exit());
    assertTrue(unknownCache.err().contains("no cache named 'nosuchcache'"), unknownCache.err());
  }

  @Test
  void pingTellsARedisServerFromADeadPortAndAWrongPassword() throws Exception {
    Run up = tiffin("ping", redis.uri());
    assertEquals(0, up.exit(), up.err());
    assertTrue(up.out().contains("Redis") && up.out().contains("standalone") && up.out().contains("7."), up.out());
    assertTrue(up.out().contains("signing key") && up.out().contains("none"), up.out());
    assertEquals("", up.err());

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Run down = tiffin("ping", "redis://127.0.0.1:" + closed);
    assertEquals(1, down.exit());
    assertTrue(down.err().contains("127.0.0.1:" + closed) && down.err().contains("cannot connect"), down.err());

    try (RedisServer guarded = RedisServer.start(folder.resolve("guarded"), List.of("requirepass right-one"))) {
      Run wrong = tiffin(Map.of("TIFFIN_STORE_DEFAULT_PASSWORD", "wrong-one"), "ping", guarded.uri());
      assertEquals(1, wrong.exit());
      assertTrue(wrong.err().contains("authentication failed"), wrong.err());
      assertTrue(!wrong.err().contains("wrong-one"), wrong.err());
      Run right = tiffin(Map.of("TIFFIN_STORE_DEFAULT_PASSWORD", "right-one",
          "TIFFIN_STORE_DEFAULT_SIGNING_KEY", "a-signing-key-for-the-cli-test"), "ping", guarded.uri());
      assertEquals(0, right.exit(), right.err());
      assertTrue(right.out().contains("configured"), right.out());
    }
  }

  @Test
  void pingReportsWhatATongrdsProfileServerOffers() throws Exception {
    try (RedisServer profile = TongrdsProfile.start(folder.resolve("tongrds"), false)) {
      Run ping = tiffin("ping", "tongrds://127.0.0.1:" + profile.port());
      assertEquals(0, ping.exit(), ping.err());
      assertTrue(ping.out().contains("TongRDS") && ping.out().contains("GETEX no"), ping.out());
    }
  }

  @Test
  void cacheCommandsWorkOnRedis() throws Exception {
    fill(redis.uri(), Map.of());
    Run keys = tiffin("keys", "users", "user:2?", "--uri", redis.uri());
    assertEquals(10, keys.out().lines().count(), keys.out() + keys.err());
    Run bench = tiffin("bench", redis.uri(), "--seconds", "0.1");
    assertEquals(0, bench.exit(), bench.err());
    assertTrue(bench.out().contains("jedis ops/s") && bench.out().contains("tiffin/raw"), bench.out());
  }

  @Test
  void benchComparesSqliteWithRawSqliteJdbc() throws Exception {
    Run bench = tiffin("bench", "sqlite:" + folder.resolve("bench.db"), "--seconds", "0.1", "--json");
    assertEquals(0, bench.exit(), bench.err());
    assertEquals(4, JsonParser.parseString(bench.out()).getAsJsonArray().size(), bench.out());
  }

  @Test
  void statsReadsARunningApplicationsMxBeansOverJmx() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Registry registry = LocateRegistry.createRegistry(port);
    JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"), new HashMap<>(),
        ManagementFactory.getPlatformMBeanServer());
    server.start();
    CachingProvider provider = Caching.getCachingProvider("dev.tiffin.provider.TiffinCachingProvider");
    try {
      Cache<String, String> cache = provider.getCacheManager(URI.create("sqlite:" + folder.resolve("jmx.db")),
          getClass().getClassLoader()).createCache("watched",
          new MutableConfiguration<String, String>().setStatisticsEnabled(true));
      cache.put("k", "v");
      cache.get("k");
      cache.get("k");
      cache.get("missing");
      Run stats = tiffin("stats", "watched", "--jmx", "127.0.0.1:" + port, "--json");
      assertEquals(0, stats.exit(), stats.err());
      var row = JsonParser.parseString(stats.out()).getAsJsonArray().get(0).getAsJsonObject();
      assertEquals(2, row.get("hits").getAsLong(), stats.out());
      assertEquals(1, row.get("misses").getAsLong(), stats.out());
      assertEquals(1, row.get("puts").getAsLong(), stats.out());
    } finally {
      provider.close();
      server.stop();
      UnicastRemoteObject.unexportObject(registry, true);
    }
  }

}
