package dev.tiffin.provider.store.sqlite;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.CacheException;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to one database file: a pool of readers and a single writer.
 *
 * <p>Writers in this JVM queue on a Java lock instead of meeting SQLite's busy handler, which
 * sleeps whole milliseconds; other processes still coordinate through SQLite's own locking.
 * Readers never share a lock: a thread first reclaims the connection it used last with one
 * compare-and-set, so threads settle on connections of their own, as with a connection per thread.
 */
final class SqlitePool implements AutoCloseable {

  private final SQLiteDataSource dataSource;
  private final String description;
  private final long timeoutMillis;
  private final List<SqliteSession> readers = new CopyOnWriteArrayList<>();
  private final ThreadLocal<SqliteSession> lastReader = new ThreadLocal<>();
  private final int maxReaders;
  private final ReentrantLock writeLock = new ReentrantLock();
  private SqliteSession writer;

  SqlitePool(SQLiteDataSource dataSource, String description, int maxReaders, long timeoutMillis) {
    this.dataSource = dataSource;
    this.description = description;
    this.maxReaders = maxReaders;
    this.timeoutMillis = timeoutMillis;
  }

  /** Runs {@code work} on a reader connection. */
  <T> T read(SqlWork<T> work) {
    SqliteSession session = borrowReader();
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      session.release();
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
    SqliteSession last = lastReader.get();
    if (last != null && last.tryClaim()) {
      return last;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      for (SqliteSession session : readers) {
        if (session.tryClaim()) {
          lastReader.set(session);
          return session;
        }
      }
      SqliteSession opened = openReaderIfRoom();
      if (opened != null) {
        lastReader.set(opened);
        return opened;
      }
      if (System.nanoTime() > deadline) {
        throw new CacheException("Timed out after " + timeoutMillis + " ms waiting for a connection to "
            + description + "; raise the store's pool-size");
      }
      // Every reader is busy: readers are held for one statement, so a short pause is enough.
      LockSupport.parkNanos(20_000);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new CacheException("Interrupted while waiting for a connection to " + description);
      }
    }
  }

  private SqliteSession openReaderIfRoom() {
    synchronized (readers) {
      if (readers.size() >= maxReaders) {
        return null;
      }
      SqliteSession session = open();
      readers.add(session);
      return session;
    }
  }

  private SqliteSession open() {
    try {
      return new SqliteSession(dataSource.getConnection());
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
      synchronized (readers) {
        readers.forEach(SqliteSession::close);
        readers.clear();
      }
      if (writer != null) {
        writer.close();
        writer = null;
      }
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
