package dev.tiffin.provider.store.sqlite;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.cache.CacheException;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to one database file, shared without a lock: a thread first reclaims the connection
 * it used last with one compare-and-set, so threads settle on connections of their own. Which
 * connection a thread used last is kept on the connection, not in a {@code ThreadLocal}, so a
 * pooled thread never keeps a closed store's connections alive.
 *
 * <p>Writers in this JVM and in others are ordered by SQLite's own locking and busy timeout.
 * Measured here, that beats funnelling this JVM's writes through one connection behind a Java
 * lock: on two cores every contended hand-off of that lock cost a thread switch.
 */
final class SqlitePool implements AutoCloseable {

  private final SQLiteDataSource dataSource;
  private final String description;
  private final long timeoutMillis;
  private final int maxSessions;
  private final List<SqliteSession> sessions = new CopyOnWriteArrayList<>();
  private boolean closed;

  SqlitePool(SQLiteDataSource dataSource, String description, int maxSessions, long timeoutMillis) {
    this.dataSource = dataSource;
    this.description = description;
    this.maxSessions = maxSessions;
    this.timeoutMillis = timeoutMillis;
  }

  /** Runs {@code work} on a connection held by this thread alone until it returns. */
  <T> T run(SqlWork<T> work) {
    SqliteSession session = claim();
    try {
      T result = work.run(session);
      session.release();
      return result;
    } catch (SQLException e) {
      // A statement that failed (disk full, I/O error…) can be left unusable ("statement is not
      // executing" for ever after): drop the connection, so the next call opens a fresh one.
      discard(session);
      throw failure(e);
    } catch (RuntimeException | Error e) {
      session.release();
      throw e;
    }
  }

  private void discard(SqliteSession session) {
    synchronized (sessions) {
      sessions.remove(session);
    }
    // Never released: no thread can claim it again, even one whose last-used session it was.
    session.close();
  }

  private SqliteSession claim() {
    for (SqliteSession session : sessions) {
      if (session.wasLastUsedByCurrentThread() && session.tryClaim()) {
        return session;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      for (SqliteSession session : sessions) {
        if (session.tryClaim()) {
          return session;
        }
      }
      SqliteSession opened = openIfRoom();
      if (opened != null) {
        return opened;
      }
      if (System.nanoTime() > deadline) {
        throw new CacheException("Timed out after " + timeoutMillis + " ms waiting for a connection to "
            + description + "; raise the store's pool-size");
      }
      // Every connection is busy: each is held for one statement, so a short pause is enough.
      LockSupport.parkNanos(20_000);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new CacheException("Interrupted while waiting for a connection to " + description);
      }
    }
  }

  private SqliteSession openIfRoom() {
    synchronized (sessions) {
      if (closed) {
        throw new CacheException("SQLite store " + description + " is closed");
      }
      if (sessions.size() >= maxSessions) {
        return null;
      }
      try {
        SqliteSession session = new SqliteSession(dataSource.getConnection());
        sessions.add(session);
        return session;
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }

  CacheException failure(SQLException e) {
    return new CacheException("SQLite store " + description + " failed: " + e.getMessage() + hint(e), e);
  }

  /** What a user can do about the common failures, which SQLite's own messages leave out. */
  private static String hint(SQLException e) {
    String code = e instanceof org.sqlite.SQLiteException sqlite ? sqlite.getResultCode().name() : "";
    if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY")) {
      return "; check that the file and its folder are writable by this user and that the file system is not"
          + " read-only (the WAL journal writes -wal and -shm files beside the database)";
    } else if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      return "; another connection or process held a lock longer than the store's timeout setting";
    } else if (code.startsWith("SQLITE_FULL")) {
      return "; the disk is full: writes work again by themselves once space is freed";
    } else if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) {
      return "; the file is damaged or is not a SQLite database: move it away, and Tiffin creates a new one";
    }
    return "";
  }

  @Override
  public void close() {
    synchronized (sessions) {
      closed = true;
      sessions.forEach(SqliteSession::close);
      sessions.clear();
    }
  }

  /** Work done with one session. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(SqliteSession session) throws SQLException;
  }
}
