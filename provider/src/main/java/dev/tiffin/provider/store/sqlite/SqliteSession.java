package dev.tiffin.provider.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** One SQLite connection with its prepared statements, claimed by one thread at a time (new sessions start claimed). */
final class SqliteSession implements AutoCloseable {

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final AtomicBoolean inUse = new AtomicBoolean(true);
  /** The thread that used this session last; a hint only, so a plain volatile is enough. */
  private volatile long lastThread = Thread.currentThread().getId();

  SqliteSession(Connection connection) {
    this.connection = connection;
  }

  /** The prepared statement for {@code sql}, prepared once per connection. */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** Claims this idle session for the calling thread; false if another thread holds it. */
  boolean tryClaim() {
    if (!inUse.get() && inUse.compareAndSet(false, true)) {
      lastThread = Thread.currentThread().getId();
      return true;
    }
    return false;
  }

  /** Whether the calling thread used this session last. */
  boolean wasLastUsedByCurrentThread() {
    return lastThread == Thread.currentThread().getId();
  }

  /** Gives the session back for any thread to claim. */
  void release() {
    inUse.set(false);
  }

  /** Runs {@code block} in one write transaction, taken at once so it cannot deadlock on upgrade. */
  <T> T inTransaction(SqlBlock<T> block) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        T result = block.run();
        statement.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        statement.execute("ROLLBACK");
        throw e;
      }
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing: nothing useful to do with a failure here.
    }
  }

  /** Statements run in one transaction. */
  @FunctionalInterface
  interface SqlBlock<T> {
    T run() throws SQLException;
  }
}
