package dev.tiffin.provider.store;

import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Write-behind: a put returns once it is queued here, and a thread of this layer writes the queue to
 * the store below in batches, the latest put to a key replacing an older one still queued. Every other
 * call that could see a queued key first writes the queue, so this JVM reads its own writes and a
 * conditional write is decided on what was put; other JVMs see a put once it is written.
 *
 * <p>A put that would grow the queue past its bound first writes the queue itself, so its caller waits
 * for the store and sees it fail (the put is then not queued). A batch the store fails stays queued and
 * the thread retries it, backing off up to a second; a put the store refuses while it answers pings is
 * dropped, logged and forgotten by the near tier. Closing, or the JVM shutting down, writes the queue;
 * what is still queued when the JVM dies is lost: a cache that must not lose a put leaves this off.
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
    this.writer = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
      // Started by whichever caller puts first: it must not keep that caller's class loader alive.
      Thread thread = new Thread(null, runnable, "tiffin-write-behind-" + cacheName, 0, false);
      thread.setContextClassLoader(WriteBehindStore.class.getClassLoader());
      thread.setDaemon(true);
      return thread;
    });
    writer.allowCoreThreadTimeOut(true);
    // A JVM that exits without closing the cache still writes what it queued.
    WritesAtExit.add(this);
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
    if (queued.size() + keys.stream().filter(key -> !queued.holds(key)).count() > maxPending) {
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
      flush();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " closed with " + queued.size()
          + " put(s) it could not write to " + store().describe() + ": " + e.getMessage());
    } finally {
      store().close();
    }
  }

  /** Writes the queue as the JVM exits with this cache open. */
  void writeAtExit() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " was open as the JVM exited, and "
          + queued.size() + " put(s) could not be written to " + store().describe() + ": " + e.getMessage());
    }
  }

  /**
   * A key is written only once no put of it is queued: what was put before must reach the store first.
   * A failure to write other keys is theirs.
   */
  private void settle(byte[] key) {
    settle(List.of(key));
  }

  private void settle(List<byte[]> keys) {
    if (keys.stream().noneMatch(queued::holds)) {
      return;
    }
    try {
      queued.write();
    } catch (RuntimeException e) {
      if (keys.stream().anyMatch(queued::holds)) {
        throw e;
      }
    }
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

  /** The thread's loop: batch after batch until nothing is queued, retrying a failed batch after a pause. */
  private void drain() {
    boolean holdsTheFlag = true;
    long pause = FIRST_RETRY_MILLIS;
    try {
      // Once closed, what is left is the closer's to write.
      while (!closed) {
        try {
          if (!queued.write()) {
            scheduled.set(false);
            holdsTheFlag = false;
            // A put that found the flag still set counted on this pass: look once more.
            if (queued.isEmpty() || !scheduled.compareAndSet(false, true)) {
              return;
            }
            holdsTheFlag = true;
          }
          pause = FIRST_RETRY_MILLIS;
        } catch (RuntimeException e) {
          if (!pause(pause)) {
            return;
          }
          pause = Math.min(pause * 2, LONGEST_RETRY_MILLIS);
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
