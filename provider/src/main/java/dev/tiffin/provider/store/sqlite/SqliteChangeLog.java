package dev.tiffin.provider.store.sqlite;

import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.StoredEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The database's own record of which keys changed, for near tiers in other processes sharing the
 * file: triggers on the entries table add each changed key to {@code tiffin_changes} in the writing
 * transaction, numbered by SQLite in commit order, and every process polls the log on its own
 * connection, looking only when {@code PRAGMA data_version} says another connection committed. Each
 * key comes with what it holds now, so a copy that is still right (this process wrote it) is kept.
 *
 * <p>A poller that finds a number missing (the log was pruned past it) tells its listeners to drop
 * everything; a poll that fails takes the log offline, and its listeners drop everything, until a
 * poll succeeds again.
 */
final class SqliteChangeLog implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SqliteChangeLog.class.getName());
  private static final String TABLE = "tiffin_changes";
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS " + TABLE + " (seq INTEGER PRIMARY KEY AUTOINCREMENT, key BLOB NOT NULL)",
      trigger("insert", "INSERT", "new"), trigger("update", "UPDATE", "new"), trigger("delete", "DELETE", "old"));
  private static final int COMPARED_BYTES = 8_192;
  /**
   * The changes after a number, each with what its key holds now (one snapshot), so a near tier can
   * keep a copy that is still right — this process's own writes come back here too. Values over
   * {@value #COMPARED_BYTES} bytes are not read back: their copies are dropped.
   */
  private static final String CHANGES_AFTER = "SELECT c.seq, c.key,"
      + " CASE WHEN length(e.value) <= " + COMPARED_BYTES + " THEN e.value END, e.expires_at"
      + " FROM " + TABLE + " c LEFT JOIN " + SqliteSql.TABLE + " e ON e.key = c.key"
      + " WHERE c.seq > ? ORDER BY c.seq LIMIT ?";
  private static final String LAST = "SELECT coalesce(max(seq), 0) FROM " + TABLE;
  private static final String PRUNE = "DELETE FROM " + TABLE + " WHERE seq <= (SELECT max(seq) FROM " + TABLE + ") - ?";
  private static final String EXISTS = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + TABLE + "'";
  private static final int BATCH = 1_000;

  private final Connection connection;
  private final String description;
  private final long keep;
  private final List<InvalidationBus.Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller;
  private long lastSeq;
  private long prunedThrough;
  private long dataVersion = Long.MIN_VALUE;
  private volatile boolean online = true;

  /**
   * Creates the log in the database if it has none, and polls it every {@code interval}; the newest
   * {@code keep} changes stay in the log for pollers that fall behind.
   */
  SqliteChangeLog(DataSource dataSource, String description, Duration interval, long keep) throws SQLException {
    this.description = description;
    this.keep = keep;
    this.connection = dataSource.getConnection();
    try (Statement statement = connection.createStatement()) {
      for (String sql : SCHEMA) {
        statement.executeUpdate(sql);
      }
      lastSeq = last(statement);
      prunedThrough = lastSeq;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tiffin-sqlite-changes");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, interval.toMillis());
    poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  private static String trigger(String name, String event, String row) {
    return "CREATE TRIGGER IF NOT EXISTS " + TABLE + "_" + name + " AFTER " + event + " ON " + SqliteSql.TABLE
        + " BEGIN INSERT INTO " + TABLE + " (key) VALUES (" + row + ".key); END";
  }

  /** Adds a listener that hears every key another connection changes from now on. */
  void listen(InvalidationBus.Listener listener) {
    listeners.add(listener);
  }

  void unlisten(InvalidationBus.Listener listener) {
    listeners.remove(listener);
  }

  /** Whether the last poll succeeded, so every change up to it has been delivered. */
  boolean isOnline() {
    return online;
  }

  /** Delivers the changes committed since the last poll; runs on the poller's thread. */
  synchronized void poll() {
    try {
      long version;
      try (Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery("PRAGMA data_version")) {
        rows.next();
        version = rows.getLong(1);
      }
      if (version != dataVersion || !online) {
        readChanges();
        dataVersion = version;
      }
      if (!online) {
        LOG.log(System.Logger.Level.INFO, "Change log of SQLite store " + description + " is readable again");
        online = true;
      }
    } catch (SQLException | RuntimeException | Error e) {
      // Even an Error stops here: escaping, it would end the polls silently with the tier still online.
      if (online) {
        LOG.log(System.Logger.Level.WARNING, "Cannot read the change log of SQLite store " + description
            + " (" + e.getMessage() + "): near tiers serve nothing until it can be read again");
        online = false;
      }
      listeners.forEach(InvalidationBus.Listener::invalidateAll);
    }
  }

  private void readChanges() throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(CHANGES_AFTER)) {
      boolean more = true;
      while (more) {
        select.setLong(1, lastSeq);
        select.setInt(2, BATCH);
        List<byte[]> keys = new ArrayList<>();
        List<StoredEntry> current = new ArrayList<>();
        long expected = lastSeq + 1;
        boolean gap = false;
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            long seq = rows.getLong(1);
            gap |= seq != expected;
            expected = seq + 1;
            keys.add(rows.getBytes(2));
            byte[] value = rows.getBytes(3);
            current.add(value == null ? null : new StoredEntry(value, rows.getLong(4)));
          }
        }
        lastSeq = expected - 1;
        if (gap) {
          // Pruned before this process read it: what changed is unknown, so everything goes.
          listeners.forEach(InvalidationBus.Listener::invalidateAll);
        } else if (!keys.isEmpty()) {
          listeners.forEach(listener -> listener.changedTo(keys, current));
        }
        more = keys.size() == BATCH;
      }
    }
    pruneIfLong();
  }

  /** Deletes all but the newest {@code keep} changes, once the log has grown to twice that. */
  private void pruneIfLong() {
    if (lastSeq - prunedThrough < 2 * keep) {
      return;
    }
    try {
      prune(connection, keep);
      prunedThrough = lastSeq - keep;
    } catch (SQLException e) {
      // Another process may be pruning or writing; the next long log tries again.
      LOG.log(System.Logger.Level.DEBUG, "Pruning the change log of SQLite store " + description + " failed", e);
    }
  }

  /**
   * Deletes all but the newest {@code keep} changes of the database's log, if it has one: the log
   * outlives the near tiers that read it, so every process's sweeper keeps it to its bound.
   */
  static void prune(Connection connection, long keep) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet exists = statement.executeQuery(EXISTS)) {
      if (!exists.next()) {
        return;
      }
    }
    try (PreparedStatement prune = connection.prepareStatement(PRUNE)) {
      prune.setLong(1, keep);
      prune.executeUpdate();
    }
  }

  private static long last(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery(LAST)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    synchronized (this) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing: nothing useful to do with a failure here.
      }
    }
  }
}
