package dev.tiffin.cli;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.config.Secret;
import dev.tiffin.provider.TiffinCacheManager;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * A short benchmark of a store: Tiffin's get and put at 1 and 4 threads, and the raw client
 * (sqlite-jdbc or Jedis) doing the same in the same run, so the table shows the ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure get and put at 1 and 4 threads, Tiffin next to the raw client, and show the ratio.")
final class BenchCommand extends StoreCommand {

  private static final int KEYS = 1_000;
  private static final String VALUE = "v".repeat(100);

  @Parameters(arity = "0..1", paramLabel = "<store|uri>", description = "a store name or a store URI")
  String storeOrUri;

  @Option(names = "--seconds", paramLabel = "<s>", description = "how long each measurement runs (default: 2)")
  double seconds = 2;

  @Override
  public Integer call() throws Exception {
    String store = target.storeName();
    if (storeOrUri != null && storeOrUri.contains(":")) {
      target.uri = URI.create(storeOrUri);
    } else if (storeOrUri != null) {
      store = storeOrUri;
      target.store = store;
    }
    try (Target opened = target) {
      CacheManager manager = target.manager();
      TiffinCacheManager tiffin = manager.unwrap(TiffinCacheManager.class);
      StoreSettings settings = tiffin.settings().store(store);
      Cache<String, String> cache = manager.createCache("tiffin-bench",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      try (Peer raw = Peer.of(settings, tiffin.settings().app())) {
        for (int i = 0; i < KEYS; i++) {
          cache.put("key-" + i, VALUE);
          raw.put("key-" + i, VALUE);
        }
        List<List<?>> rows = new ArrayList<>();
        Progress progress = new Progress(spec.commandLine().getErr(), 8);
        for (String op : List.of("get", "put")) {
          for (int threads : List.of(1, 4)) {
            double mine = measure(threads, key -> run(op, key, cache::get, cache::put), progress);
            double theirs = measure(threads, key -> run(op, key, raw::get, raw::put), progress);
            rows.add(List.of(op, threads, Math.round(mine), Math.round(theirs), String.format("%.2fx", mine / theirs)));
          }
        }
        progress.done();
        output().table(
            List.of("operation", "threads", "tiffin ops/s", raw.name() + " ops/s", "tiffin/raw"), rows);
      } finally {
        manager.destroyCache("tiffin-bench");
      }
      return 0;
    }
  }

  private static void run(String op, String key, java.util.function.Function<String, String> get,
      java.util.function.BiConsumer<String, String> put) {
    if (op.equals("get")) {
      get.apply(key);
    } else {
      put.accept(key, VALUE);
    }
  }

  private double measure(int threads, java.util.function.Consumer<String> op, Progress progress)
      throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        SplittableRandom random = new SplittableRandom();
        while (!stop.get()) {
          op.accept("key-" + random.nextInt(KEYS));
          done.increment();
        }
      });
      worker.start();
      workers.add(worker);
    }
    long start = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    progress.step();
    return done.sum() / ((System.nanoTime() - start) / 1e9);
  }

  /** The raw client doing what Tiffin does, on the same backend, under keys of its own. */
  private interface Peer extends AutoCloseable {
    String name();

    String get(String key);

    void put(String key, String value);

    @Override
    void close() throws Exception;

    static Peer of(StoreSettings settings, String app) throws SQLException {
      String scheme = settings.uri().getScheme();
      if (scheme.equals("sqlite")) {
        return new SqlitePeer(settings.uri().getSchemeSpecificPart());
      }
      if (scheme.equals("redis")) {
        return new RedisPeer(settings, app + ":tiffin-bench-raw:");
      }
      throw new IllegalArgumentException("bench compares against a raw client for sqlite: and redis:// stores;"
          + " " + scheme + " is not supported");
    }
  }

  /** sqlite-jdbc, one connection per thread, on a table of its own in the same file. */
  private static final class SqlitePeer implements Peer {
    private final String url;
    private final ThreadLocal<Connection> connections;
    private final List<Connection> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    SqlitePeer(String file) throws SQLException {
      this.url = "jdbc:sqlite:" + file;
      this.connections = ThreadLocal.withInitial(this::open);
      try (var statement = connections.get().createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS tiffin_bench_raw (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID");
      }
    }

    private Connection open() {
      try {
        Connection connection = DriverManager.getConnection(url);
        try (var statement = connection.createStatement()) {
          statement.execute("PRAGMA journal_mode=WAL");
          statement.execute("PRAGMA synchronous=NORMAL");
          statement.execute("PRAGMA busy_timeout=5000");
        }
        opened.add(connection);
        return connection;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String name() {
      return "sqlite-jdbc";
    }

    @Override
    public String get(String key) {
      try (PreparedStatement select = connections.get().prepareStatement("SELECT v FROM tiffin_bench_raw WHERE k = ?")) {
        select.setBytes(1, key.getBytes(StandardCharsets.UTF_8));
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? new String(rows.getBytes(1), StandardCharsets.UTF_8) : null;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void put(String key, String value) {
      try (PreparedStatement upsert = connections.get().prepareStatement(
          "INSERT OR REPLACE INTO tiffin_bench_raw (k, v) VALUES (?, ?)")) {
        upsert.setBytes(1, key.getBytes(StandardCharsets.UTF_8));
        upsert.setBytes(2, value.getBytes(StandardCharsets.UTF_8));
        upsert.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws SQLException {
      try (var statement = connections.get().createStatement()) {
        statement.execute("DROP TABLE IF EXISTS tiffin_bench_raw");
      }
      for (Connection connection : opened) {
        connection.close();
      }
    }
  }

  /** Jedis with a pool as large as Tiffin's, on keys under the application's prefix. */
  private static final class RedisPeer implements Peer {
    private final RedisClient client;
    private final String prefix;

    RedisPeer(StoreSettings settings, String prefix) {
      URI uri = settings.uri();
      DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().resp2();
      settings.username().ifPresent(config::user);
      settings.password().map(Secret::reveal).ifPresent(config::password);
      String path = uri.getPath();
      if (path != null && path.length() > 1) {
        config.database(Integer.parseInt(path.substring(1)));
      }
      this.client = RedisClient.builder()
          .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()))
          .clientConfig(config.build()).build();
      this.prefix = prefix;
    }

    @Override
    public String name() {
      return "jedis";
    }

    @Override
    public String get(String key) {
      return client.get(prefix + key);
    }

    @Override
    public void put(String key, String value) {
      client.set(prefix + key, value);
    }

    @Override
    public void close() {
      for (int i = 0; i < KEYS; i++) {
        client.del(prefix + "key-" + i);
      }
      client.close();
    }
  }
}
