package dev.tiffin.benchmarks;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.TiffinCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite.SQLiteConfig;

/**
 * Tiffin's SQLite store next to hand-written sqlite-jdbc doing the same work, in the same run, so
 * the ratio Tiffin/raw is what matters and machine noise mostly cancels.
 *
 * <p>Both sides take a String key and a String value, write the same key bytes
 * ({@code "tiffin:bench:" + key}) and value bytes (UTF-8 text) into a WAL database with
 * {@code synchronous=NORMAL}, and hand back a String on a read. Each trial starts from a fresh
 * temporary database file holding the {@link KeyStream} entries, checkpointed so neither side
 * inherits a long write-ahead log. Thread count comes from the command line ({@code -t 1},
 * {@code -t 4}); see benchmarks/README.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SqliteBench {

  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** One Tiffin cache over a fresh SQLite file, shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class TiffinSide {

    private Path file;
    private TiffinCachingProvider provider;
    private CacheManager manager;
    Cache<String, String> cache;
    TiffinCache<String, String> view;
    TiffinCache<String, String> graced;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void open() throws IOException, SQLException {
      file = Files.createTempFile("tiffin-bench-", ".db");
      provider = new TiffinCachingProvider();
      manager = provider.getCacheManager(URI.create("sqlite:" + file), SqliteBench.class.getClassLoader());
      cache = manager.createCache("bench", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      for (String key : KeyStream.KEYS) {
        cache.put(key, KeyStream.VALUE);
      }
      view = cache.unwrap(TiffinCache.class);
      graced = GetOrSetCaches.graced(manager);
      checkpoint(file);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      manager.close();
      provider.close();
      deleteDatabase(file);
    }
  }

  /** The raw side's database file, created and pre-loaded once per trial. */
  @State(Scope.Benchmark)
  public static class RawDatabase {

    Path file;

    @Setup(Level.Trial)
    public void create() throws IOException, SQLException {
      file = Files.createTempFile("raw-bench-", ".db");
      try (Connection connection = connect(file); Statement statement = connection.createStatement()) {
        statement.executeUpdate("CREATE TABLE t (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID");
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t(k,v) VALUES(?,?)")) {
          for (String key : KeyStream.KEYS) {
            insert.setBytes(1, TiffinBytes.key(key));
            insert.setBytes(2, TiffinBytes.value(KeyStream.VALUE));
            insert.addBatch();
          }
          insert.executeBatch();
        }
        connection.commit();
      }
      checkpoint(file);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      deleteDatabase(file);
    }
  }

  /** One connection per benchmark thread, with its two statements prepared once. */
  @State(Scope.Thread)
  public static class RawConnection {

    private Connection connection;
    private PreparedStatement select;
    private PreparedStatement upsert;

    @Setup(Level.Trial)
    public void open(RawDatabase database) throws SQLException {
      connection = connect(database.file);
      select = connection.prepareStatement("SELECT v FROM t WHERE k=?");
      upsert = connection.prepareStatement("INSERT OR REPLACE INTO t(k,v) VALUES(?,?)");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      connection.close();
    }

    String get(String key) throws SQLException {
      select.setBytes(1, TiffinBytes.key(key));
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        return TiffinBytes.stringValue(rows.getBytes(1));
      }
    }

    void put(String key, String value) throws SQLException {
      upsert.setBytes(1, TiffinBytes.key(key));
      upsert.setBytes(2, TiffinBytes.value(value));
      upsert.executeUpdate();
    }
  }

  @Benchmark
  public String tiffinGet(TiffinSide tiffin, KeyStream keys) {
    return tiffin.cache.get(keys.nextKey());
  }

  /** A getOrSet hit on an entry stored without grace: the same one read as {@link #tiffinGet}. */
  @Benchmark
  public String tiffinGetOrSet(TiffinSide tiffin, KeyStream keys) {
    return tiffin.view.getOrSet(keys.nextKey(), GetOrSetCaches.FACTORY);
  }

  /** A getOrSet hit on an entry stored with a grace period, whose value carries a freshness header. */
  @Benchmark
  public String tiffinGetOrSetGraced(TiffinSide tiffin, KeyStream keys) {
    return tiffin.graced.getOrSet(keys.nextKey(), GetOrSetCaches.GRACED, GetOrSetCaches.FACTORY);
  }

  @Benchmark
  public void tiffinPut(TiffinSide tiffin, KeyStream keys) {
    tiffin.cache.put(keys.nextKey(), KeyStream.VALUE);
  }

  @Benchmark
  public void tiffinMix(TiffinSide tiffin, KeyStream keys, Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.nextIsPut()) {
      tiffin.cache.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(tiffin.cache.get(key));
    }
  }

  @Benchmark
  public String rawGet(RawConnection raw, KeyStream keys) throws SQLException {
    return raw.get(keys.nextKey());
  }

  @Benchmark
  public void rawPut(RawConnection raw, KeyStream keys) throws SQLException {
    raw.put(keys.nextKey(), KeyStream.VALUE);
  }

  @Benchmark
  public void rawMix(RawConnection raw, KeyStream keys, Blackhole blackhole) throws SQLException {
    String key = keys.nextKey();
    if (keys.nextIsPut()) {
      raw.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(raw.get(key));
    }
  }

  /** A connection configured as Tiffin configures its own: WAL, synchronous=NORMAL, same busy timeout. */
  static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }

  /** Folds the write-ahead log into the database, so measurement starts from the same state on both sides. */
  static void checkpoint(Path file) throws SQLException {
    try (Connection connection = connect(file); Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  static void deleteDatabase(Path file) throws IOException {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
  }
}
