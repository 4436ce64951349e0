package dev.tiffin.provider.store.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.CacheException;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to one database file: a pool of readers and a single writer.
 *
 * <p>Writers in this JVM queue on a Java lock instead of meeting SQLite's busy handler, which
 * sleeps whole milliseconds; other processes still coordinate through SQLite's own locking.
 */
final class SqlitePool implements AutoCloseable {

  private final SQLiteDataSource dataSource;
  private final String description;
  private final long timeoutMillis;
  private final BlockingQueue<SqliteSession> idleReaders;
  private final List<SqliteSession> all = new ArrayList<>();
  private final int maxReaders;
  private int openReaders;
  private final ReentrantLock writeLock = new ReentrantLock();
  private SqliteSession writer;

  SqlitePool(SQLiteDataSource dataSource, String description, int maxReaders, long timeoutMillis) {
    this.dataSource = dataSource;
    this.description = description;
    this.maxReaders = maxReaders;
    this.timeoutMillis = timeoutMillis;
    this.idleReaders = new ArrayBlockingQueue<>(maxReaders);
  }

  /** Runs {@code work} on a reader connection. */
  <T> T read(SqlWork<T> work) {
    SqliteSession session = borrowReader();
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      idleReaders.offer(session);
    }
  }

  /** Runs {@code work} on the writer connection, one writer at a time in this JVM. */
  <T> T write(SqlWork<T> work) {
    lockWriter();
    try {
      if (writer == null) {
        writer = open();
      }
      return work.run(writer);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      writeLock.unlock();
    }
  }

  private void lockWriter() {
    try {
      if (!writeLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new CacheException("Timed out after " + timeoutMillis + " ms waiting to write to " + description);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting to write to " + description, e);
    }
  }

  private SqliteSession borrowReader() {
    SqliteSession session = idleReaders.poll();
    if (session != null) {
      return session;
    }
    synchronized (all) {
      if (openReaders < maxReaders) {
        openReaders++;
        return open();
      }
    }
    try {
      session = idleReaders.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting for a connection to " + description, e);
    }
    if (session == null) {
      throw new CacheException("Timed out after " + timeoutMillis + " ms waiting for a connection to "
          + description + "; raise the store's pool-size");
    }
    return session;
  }

  private SqliteSession open() {
    try {
      SqliteSession session = new SqliteSession(dataSource.getConnection());
      synchronized (all) {
        all.add(session);
      }
      return session;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  CacheException failure(SQLException e) {
    return new CacheException("SQLite store " + description + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      synchronized (all) {
        all.forEach(SqliteSession::close);
        all.clear();
      }
      idleReaders.clear();
      openReaders = 0;
      writer = null;
    } finally {
      writeLock.unlock();
    }
  }

  /** Work done with one session. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(SqliteSession session) throws SQLException;
  }
}
