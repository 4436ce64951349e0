package dev.tiffin.provider.store.sqlite;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.NotACounterException;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.cache.CacheException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A {@link ByteStore} in one SQLite database file: WAL journal, a busy timeout, and every
 * conditional change as a single statement, so it stays atomic when several JVMs share the file.
 */
public final class SqliteStore implements ByteStore {

  private static final int BATCH = 500;
  /** Changes the log keeps for processes that poll late; one that falls further behind drops everything. */
  private static final long CHANGES_KEPT = 100_000;

  private final SqlitePool pool;
  private final String description;
  private final LongSupplier clock;
  private final SQLiteDataSource dataSource;
  private final Duration changePollInterval;
  private SqliteChangeLog changeLog;
  private InvalidationBus bus;

  /** Opens (creating if needed) the database file named by the store's {@code sqlite:} URI. */
  public SqliteStore(StoreSettings settings, LongSupplier clock) {
    Path file = SqlitePath.of(settings);
    this.description = "'" + settings.name() + "' (" + file + ")";
    this.clock = clock;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new CacheException("Cannot create the folder for SQLite store " + description + ": " + e, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
    this.dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    this.changePollInterval = settings.changePollInterval();
    this.pool = new SqlitePool(dataSource, description, settings.poolSize(), settings.timeout().toMillis());
    createSchema();
  }

  private void createSchema() {
    pool.run(session -> {
      try (Statement statement = session.connection().createStatement()) {
        statement.executeUpdate(SqliteSql.CREATE_TABLE);
        statement.executeUpdate(SqliteSql.CREATE_EXPIRY_INDEX);
      }
      return null;
    });
  }

  @Override
  public StoredEntry get(byte[] key) {
    return pool.run(session -> {
      PreparedStatement statement = session.statement(SqliteSql.GET);
      statement.setBytes(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? new StoredEntry(rows.getBytes(1), rows.getLong(2)) : null;
      }
    });
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    Map<ByteBuffer, StoredEntry> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<byte[]> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
      String sql = "SELECT key, value, expires_at FROM " + SqliteSql.TABLE + " WHERE key IN ("
          + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
      pool.run(session -> {
        try (PreparedStatement statement = session.connection().prepareStatement(sql)) {
          for (int i = 0; i < chunk.size(); i++) {
            statement.setBytes(i + 1, chunk.get(i));
          }
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              found.put(ByteBuffer.wrap(rows.getBytes(1)), new StoredEntry(rows.getBytes(2), rows.getLong(3)));
            }
          }
        }
        return null;
      });
    }
    List<StoredEntry> result = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      result.add(found.get(ByteBuffer.wrap(key)));
    }
    return result;
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    long now = clock.getAsLong();
    pool.run(session -> {
      PreparedStatement statement = session.statement(SqliteSql.PUT);
      statement.setBytes(1, key);
      statement.setBytes(2, value);
      statement.setLong(3, expiresAtIfCreated);
      statement.setLong(4, now);
      statement.setLong(5, expiresAtIfUpdated);
      return statement.executeUpdate();
    });
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    long now = clock.getAsLong();
    return pool.run(session -> {
      PreparedStatement statement = session.statement(SqliteSql.INCREMENT);
      statement.setBytes(1, key);
      statement.setLong(2, delta);
      statement.setLong(3, expiresAtIfCreated);
      statement.setLong(4, now);
      // The stored value must leave room for the delta: SQLite would turn an overflow into a float.
      statement.setLong(5, delta < 0 ? Long.MIN_VALUE - delta : Long.MIN_VALUE);
      statement.setLong(6, delta > 0 ? Long.MAX_VALUE - delta : Long.MAX_VALUE);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new NotACounterException("the value is not a decimal integer, or adding " + delta + " would overflow");
        }
        return Long.parseLong(rows.getString(1));
      }
    });
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    return pool.run(session -> {
      PreparedStatement statement;
      if (expected == null) {
        if (value == null) {
          return true;
        }
        statement = session.statement(SqliteSql.INSERT_IF_ABSENT);
        statement.setBytes(1, key);
        statement.setBytes(2, value);
        statement.setLong(3, expiresAt);
      } else if (value == null) {
        statement = session.statement(SqliteSql.REMOVE_IF);
        statement.setBytes(1, key);
        statement.setBytes(2, expected);
      } else {
        statement = session.statement(SqliteSql.REPLACE_IF);
        statement.setBytes(1, value);
        statement.setLong(2, expiresAt);
        statement.setBytes(3, key);
        statement.setBytes(4, expected);
      }
      return statement.executeUpdate() == 1;
    });
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    return pool.run(session -> {
      PreparedStatement statement = session.statement(SqliteSql.TOUCH_IF);
      statement.setLong(1, expiresAt);
      statement.setBytes(2, key);
      statement.setBytes(3, expected);
      // An entry that expired since it was read stays expired, as Redis, which drops it, leaves it gone.
      statement.setLong(4, clock.getAsLong());
      return statement.executeUpdate() == 1;
    });
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    long now = clock.getAsLong();
    pool.run(session -> session.inTransaction(() -> {
      PreparedStatement statement = session.statement(SqliteSql.PUT);
      for (int i = 0; i < keys.size(); i++) {
        statement.setBytes(1, keys.get(i));
        statement.setBytes(2, values.get(i));
        statement.setLong(3, expiresAtIfCreated);
        statement.setLong(4, now);
        statement.setLong(5, expiresAtIfUpdated);
        statement.addBatch();
      }
      statement.executeBatch();
      return null;
    }));
  }

  /** Removes the live entries; expired ones are left to the sweeper, so the count means "live". */
  @Override
  public long removeAll(List<byte[]> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    long now = clock.getAsLong();
    return pool.run(session -> session.inTransaction(() -> {
      PreparedStatement statement = session.statement(SqliteSql.REMOVE_LIVE);
      for (byte[] key : keys) {
        statement.setBytes(1, key);
        statement.setLong(2, now);
        statement.addBatch();
      }
      long removed = 0;
      for (int count : statement.executeBatch()) {
        removed += Math.max(0, count);
      }
      return removed;
    }));
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    return pool.run(session -> {
      PreparedStatement statement = session.statement(cursor == null ? SqliteSql.SCAN_FIRST : SqliteSql.SCAN_NEXT);
      statement.setBytes(1, cursor == null ? prefix : cursor);
      statement.setBytes(2, SqliteSql.upperBound(prefix));
      statement.setInt(3, limit);
      List<KeyedEntry> entries = new ArrayList<>(Math.min(limit, 256));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          entries.add(new KeyedEntry(rows.getBytes(1), new StoredEntry(rows.getBytes(2), rows.getLong(3))));
        }
      }
      byte[] next = entries.size() < limit ? null : entries.get(entries.size() - 1).key();
      return new ScanPage(entries, next);
    });
  }

  @Override
  public long clear(byte[] prefix) {
    return pool.run(session -> {
      PreparedStatement statement = session.statement(SqliteSql.CLEAR);
      statement.setBytes(1, prefix);
      statement.setBytes(2, SqliteSql.upperBound(prefix));
      return (long) statement.executeUpdate();
    });
  }

  /** Deletes entries that expired before {@code cutoff}, in bounded batches; returns how many. */
  public long sweep(long cutoff, int maxBatches) {
    long removed = 0;
    for (int batch = 0; batch < maxBatches; batch++) {
      int count = pool.run(session -> {
        PreparedStatement statement = session.statement(SqliteSql.SWEEP);
        statement.setLong(1, cutoff);
        statement.setInt(2, BATCH);
        return statement.executeUpdate();
      });
      removed += count;
      if (count < BATCH) {
        break;
      }
    }
    pool.run(session -> {
      SqliteChangeLog.prune(session.connection(), CHANGES_KEPT);
      return null;
    });
    return removed;
  }

  @Override
  public void ping() {
    pool.run(session -> {
      try (Statement statement = session.connection().createStatement();
           ResultSet rows = statement.executeQuery("SELECT 1")) {
        return rows.next();
      }
    });
  }

  @Override
  public Map<String, String> serverInfo() {
    String version = pool.run(session -> {
      try (Statement statement = session.connection().createStatement();
           ResultSet rows = statement.executeQuery("SELECT sqlite_version()")) {
        return rows.next() ? rows.getString(1) : "unknown";
      }
    });
    return Map.of("product", "SQLite", "version", version, "mode", "embedded file");
  }

  @Override
  public String describe() {
    return "SQLite store " + description;
  }

  /**
   * Invalidations for near tiers: in this JVM at once, from other processes through a change log the
   * database keeps, which is created (with the triggers that fill it) when a near tier first joins.
   */
  @Override
  public synchronized InvalidationBus invalidationBus() {
    if (bus == null) {
      bus = new SqliteInvalidationBus(InProcessInvalidationBus.forStore(describe()), this::changeLog);
    }
    return bus;
  }

  private synchronized SqliteChangeLog changeLog() {
    if (changeLog == null) {
      try {
        changeLog = new SqliteChangeLog(dataSource, description, changePollInterval, CHANGES_KEPT);
      } catch (SQLException e) {
        throw pool.failure(e);
      }
    }
    return changeLog;
  }

  /** This JVM's other managers only: the change log records keys, not events, and needs no creating for them. */
  @Override
  public InvalidationBus eventBus() {
    return InProcessInvalidationBus.forStore(describe());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (changeLog != null) {
        changeLog.close();
      }
    }
    pool.close();
  }
}
