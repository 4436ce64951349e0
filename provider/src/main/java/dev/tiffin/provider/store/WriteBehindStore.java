package dev.tiffin.provider.store;

import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.provider.async.DetachedThreads;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.cache.CacheException;

/**
 * Write-behind: a put returns once it is queued here, and a thread of this layer writes the queue to
 * the store below in batches, the latest put to a key replacing an older one still queued. Every other
 * call that could see a queued key first writes the queue, so this JVM reads its own writes and a
 * conditional write is decided on what was put; other JVMs see a put once it is written.
 *
 * <p>A put that would grow the queue past its bound first writes the queue itself, so its caller waits
 * for the store and sees it fail (the put is then not queued). Puts the store fails stay queued and the
 * thread retries them, backing off up to a second; one the store keeps refusing while it takes others
 * is dropped (see {@link PutQueue}). Closing, or the JVM exiting, writes the queue; what is still queued
 * when the JVM dies is lost: a cache that must not lose a put leaves this off.
 */
public final class WriteBehindStore extends ForwardingStore {

  private static final System.Logger LOG = System.getLogger(WriteBehindStore.class.getName());
  private static final long FIRST_RETRY_MILLIS = 50;
  private static final long LONGEST_RETRY_MILLIS = 1000;

  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final PutQueue queued;
  private final long maxPending;
  private final String cacheName;
  private final ThreadPoolExecutor writer;
  private volatile boolean closed;

  /**
   * Writes the puts of cache {@code cacheName} behind, to {@code store}, which closing this layer closes;
   * {@code forget} drops this JVM's copy of a key whose put the store refused.
   */
  public WriteBehindStore(ByteStore store, WriteBehindSettings settings, String cacheName, Consumer<byte[]> forget) {
    super(store);
    this.maxPending = settings.maxPending();
    this.cacheName = cacheName;
    this.queued = new PutQueue(store, cacheName, forget);
    // Started by whichever caller puts first: it must not keep that caller's class loader alive.
    this.writer = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> DetachedThreads.create("tiffin-write-behind-" + cacheName, runnable));
    writer.allowCoreThreadTimeOut(true);
    // A JVM that exits without closing the cache still writes what it queued.
    WritesAtExit.add(this, this::writeAtExit);
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    queue(List.of(key), List.of(value), expiresAtIfCreated, expiresAtIfUpdated);
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    if (keys.size() > maxPending) {
      settle(keys);
      store().putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
      return;
    }
    queue(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
  }

  private void queue(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    int newKeys = 0;
    for (byte[] key : keys) {
      newKeys += queued.waiting(key) == null ? 1 : 0;
    }
    if (queued.size() + newKeys > maxPending) {
      // The bound: this caller writes the queue before adding to it, and sees the store fail.
      queued.write();
    }
    for (int i = 0; i < keys.size(); i++) {
      queued.add(keys.get(i), values.get(i), expiresAtIfCreated, expiresAtIfUpdated);
    }
    if (closed) {
      // The closer may have written the queue already: nobody else will.
      queued.write();
    } else {
      wake();
    }
  }

  @Override
  public StoredEntry get(byte[] key) {
    settle(key);
    return store().get(key);
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    settle(keys);
    return store().getAll(keys);
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    settle(key);
    return store().getAndTouch(key, expiresAt, now);
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    settle(key);
    return store().compareAndSet(key, expected, value, expiresAt);
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    settle(key);
    return store().increment(key, delta, expiresAtIfCreated);
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    settle(key);
    return store().touch(key, expected, expiresAt);
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    settle(keys);
    return store().removeAll(keys);
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    flush();
    return store().scan(prefix, cursor, limit);
  }

  @Override
  public long clear(byte[] prefix) {
    flush();
    return store().clear(prefix);
  }

  @Override
  public void flush() {
    if (!queued.isEmpty()) {
      queued.write();
    }
    store().flush();
  }

  /** How many keys wait to be written now. */
  public int pending() {
    return queued.size();
  }

  /** Writes what is queued, once more; what cannot be written is logged as lost. Closes the store below. */
  @Override
  public void close() {
    closed = true;
    writer.shutdown();
    WritesAtExit.remove(this);
    try {
      writeAll("was closed");
    } finally {
      store().close();
    }
  }

  /** Writes the queue as the JVM exits with this cache open. */
  private void writeAtExit() {
    writeAll("was open as the JVM exited");
  }

  /** Writes what is queued, logging what could not be written: the store failed or refused it. */
  private void writeAll(String when) {
    String cause;
    try {
      flush();
      if (queued.isEmpty()) {
        return;
      }
      cause = refused("the store refused them").getMessage();
    } catch (RuntimeException e) {
      cause = e.getMessage();
    }
    LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " " + when + " with " + queued.size()
        + " put(s) not written to " + store().describe() + "; " + cause);
  }

  /**
   * A key is read or changed only once no put of it made before is queued: that put must reach the store
   * first. A failure to write other keys is theirs; a put of one of these keys the store refused fails the call.
   */
  private void settle(byte[] key) {
    // The common case, on every read that reaches the store: nothing of the key is queued.
    if (queued.waiting(key) != null) {
      settle(List.of(key));
    }
  }

  private void settle(List<byte[]> keys) {
    List<Object> waiting = new ArrayList<>(keys.size());
    keys.forEach(key -> waiting.add(queued.waiting(key)));
    if (waiting.stream().allMatch(Objects::isNull)) {
      return;
    }
    RuntimeException failure = null;
    try {
      queued.write();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (int i = 0; i < keys.size(); i++) {
      if (waiting.get(i) != null && queued.waiting(keys.get(i)) == waiting.get(i)) {
        throw failure != null ? failure : refused("The store refused a put of cache " + cacheName
            + " that is still queued");
      }
    }
  }

  private CacheException refused(String what) {
    RuntimeException refusal = queued.lastRefusal();
    return new CacheException(what + (refusal != null ? ": " + refusal.getMessage() : ""), refusal);
  }

  private void wake() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        writer.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // Closing: the closer may have written the queue already.
        scheduled.set(false);
        queued.write();
      } catch (RuntimeException | Error e) {
        scheduled.set(false);
        throw e;
      }
    }
  }

  /**
   * The thread's loop: pass after pass until nothing is queued, pausing after a pass that failed or
   * wrote nothing (the store refused what is left).
   */
  private void drain() {
    boolean holdsTheFlag = true;
    long pause = FIRST_RETRY_MILLIS;
    try {
      // Once closed, what is left is the closer's to write.
      while (!closed) {
        PutQueue.Outcome outcome;
        try {
          outcome = queued.write();
        } catch (RuntimeException e) {
          outcome = PutQueue.Outcome.STUCK;
        }
        if (outcome == PutQueue.Outcome.EMPTY) {
          scheduled.set(false);
          holdsTheFlag = false;
          // A put that found the flag still set counted on this pass: look once more.
          if (queued.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
          }
          holdsTheFlag = true;
        } else if (outcome == PutQueue.Outcome.STUCK) {
          if (!pause(pause)) {
            return;
          }
          pause = Math.min(pause * 2, LONGEST_RETRY_MILLIS);
        } else {
          pause = FIRST_RETRY_MILLIS;
        }
      }
    } finally {
      if (holdsTheFlag) {
        scheduled.set(false);
      }
    }
  }

  private static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
