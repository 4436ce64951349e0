package dev.tiffin.provider.store;

import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Write-behind: a put returns once it is queued here, and a thread of this layer writes the queue to
 * the store below in batches, the latest put to a key replacing an older one still queued. Every other
 * call that could see a queued key first writes the queue, so this JVM reads its own writes and a
 * conditional write is decided on what was put; other JVMs see a put once it is written.
 *
 * <p>A queue that outgrows its bound is written by the caller that put last, who then sees the store's
 * failures; the thread retries a failed write, backing off up to a second, and keeps the puts queued.
 * What is still queued when the JVM dies is lost: a cache that must not lose a put leaves this off.
 */
public final class WriteBehindStore extends ForwardingStore {

  private static final System.Logger LOG = System.getLogger(WriteBehindStore.class.getName());
  private static final long FIRST_RETRY_MILLIS = 50;
  private static final long LONGEST_RETRY_MILLIS = 1000;

  /** One put waiting to be written; compared by identity, so a newer put of equal bytes is a different one. */
  private static final class Queued {
    final byte[] key;
    final byte[] value;
    final long ifCreated;
    final long ifUpdated;

    Queued(byte[] key, byte[] value, long ifCreated, long ifUpdated) {
      this.key = key;
      this.value = value;
      this.ifCreated = ifCreated;
      this.ifUpdated = ifUpdated;
    }
  }

  /** The expiry times a batch of puts shares: one bulk write each. */
  private record Expiry(long ifCreated, long ifUpdated) {
  }

  private final Map<ByteBuffer, Queued> queued = new ConcurrentHashMap<>();
  /** Held while a batch is written, so puts to one key reach the store in the order they were made. */
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final long maxPending;
  private final String cacheName;
  private final ThreadPoolExecutor writer;
  private volatile boolean closed;

  /** Writes the puts of cache {@code cacheName} behind, to {@code store}, which closing this layer closes. */
  public WriteBehindStore(ByteStore store, WriteBehindSettings settings, String cacheName) {
    super(store);
    this.maxPending = settings.maxPending();
    this.cacheName = cacheName;
    this.writer = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
      // Started by whichever caller puts first: it must not keep that caller's class loader alive.
      Thread thread = new Thread(null, runnable, "tiffin-write-behind-" + cacheName, 0, false);
      thread.setContextClassLoader(WriteBehindStore.class.getClassLoader());
      thread.setDaemon(true);
      return thread;
    });
    writer.allowCoreThreadTimeOut(true);
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    if (closed) {
      store().put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
      return;
    }
    queued.put(ByteBuffer.wrap(key), new Queued(key, value, expiresAtIfCreated, expiresAtIfUpdated));
    if (queued.size() > maxPending) {
      writeQueued();
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
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    settle(keys);
    store().putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
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
      writeQueued();
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
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " closed with " + queued.size()
          + " put(s) it could not write to " + store().describe() + ": " + e.getMessage());
    } finally {
      store().close();
    }
  }

  /** A key is written only once no put of it is queued: what was put before must reach the store first. */
  private void settle(byte[] key) {
    if (queued.containsKey(ByteBuffer.wrap(key))) {
      writeQueued();
    }
  }

  private void settle(List<byte[]> keys) {
    for (byte[] key : keys) {
      if (queued.containsKey(ByteBuffer.wrap(key))) {
        writeQueued();
        return;
      }
    }
  }

  private void wake() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        writer.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // Closing: the closer writes what is queued.
        scheduled.set(false);
      }
    }
  }

  /** The thread's loop: batch after batch until nothing is queued, retrying a failed batch after a pause. */
  private void drain() {
    long pause = FIRST_RETRY_MILLIS;
    while (true) {
      try {
        if (!writeQueued()) {
          scheduled.set(false);
          // A put that found the flag still set counted on this pass: look once more.
          if (queued.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
          }
        }
        pause = FIRST_RETRY_MILLIS;
      } catch (RuntimeException e) {
        if (closed || !pause(pause)) {
          scheduled.set(false);
          return;
        }
        pause = Math.min(pause * 2, LONGEST_RETRY_MILLIS);
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

  /**
   * Writes the puts queued now, one bulk write per expiry; whether there were any. A put stays queued
   * until it is written, and leaves the queue only if no newer put of its key came in meanwhile.
   */
  private boolean writeQueued() {
    writing.lock();
    try {
      if (queued.isEmpty()) {
        return false;
      }
      Map<Expiry, List<Queued>> batches = new LinkedHashMap<>();
      for (Queued put : queued.values()) {
        batches.computeIfAbsent(new Expiry(put.ifCreated, put.ifUpdated), e -> new ArrayList<>()).add(put);
      }
      for (Map.Entry<Expiry, List<Queued>> batch : batches.entrySet()) {
        write(batch.getKey(), batch.getValue());
        for (Queued put : batch.getValue()) {
          queued.remove(ByteBuffer.wrap(put.key), put);
        }
      }
      recovered();
      return true;
    } catch (RuntimeException e) {
      failed(e);
      throw e;
    } finally {
      writing.unlock();
    }
  }

  private void write(Expiry expiry, List<Queued> puts) {
    if (puts.size() == 1) {
      Queued put = puts.get(0);
      store().put(put.key, put.value, put.ifCreated, put.ifUpdated);
      return;
    }
    List<byte[]> keys = new ArrayList<>(puts.size());
    List<byte[]> values = new ArrayList<>(puts.size());
    for (Queued put : puts) {
      keys.add(put.key);
      values.add(put.value);
    }
    store().putAll(keys, values, expiry.ifCreated(), expiry.ifUpdated());
  }

  private void failed(RuntimeException e) {
    if (failing.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " could not write its queued puts to "
          + store().describe() + " (" + queued.size() + " keys waiting); they stay queued and are retried: "
          + e.getMessage());
    }
  }

  private void recovered() {
    if (failing.compareAndSet(true, false)) {
      LOG.log(System.Logger.Level.INFO, "Cache " + cacheName + " writes its queued puts to " + store().describe()
          + " again");
    }
  }
}
