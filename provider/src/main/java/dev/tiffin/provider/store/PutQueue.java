package dev.tiffin.provider.store;

import dev.tiffin.spi.ByteStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The puts a write-behind cache has accepted and not yet written, at most one per key (the latest), and
 * how they are written: one bulk write per expiry, one writer at a time, so puts to one key reach the store
 * in the order they were made. A put leaves the queue once written, unless a newer put of its key came in.
 */
final class PutQueue {

  private static final System.Logger LOG = System.getLogger(PutQueue.class.getName());

  /** One put waiting to be written (equal to another only when it holds the very same arrays). */
  private record Queued(byte[] key, byte[] value, long ifCreated, long ifUpdated) {
    Expiry expiry() {
      return new Expiry(ifCreated, ifUpdated);
    }
  }

  /** The expiry times a batch of puts shares: one bulk write each. */
  private record Expiry(long ifCreated, long ifUpdated) {
  }

  private final Map<ByteBuffer, Queued> queued = new ConcurrentHashMap<>();
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final ByteStore store;
  private final String cacheName;
  private final Consumer<byte[]> forget;

  /** Puts of cache {@code cacheName} for {@code store}; {@code forget} hears of each key whose put was dropped. */
  PutQueue(ByteStore store, String cacheName, Consumer<byte[]> forget) {
    this.store = store;
    this.cacheName = cacheName;
    this.forget = forget;
  }

  void add(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    queued.put(ByteBuffer.wrap(key), new Queued(key, value, expiresAtIfCreated, expiresAtIfUpdated));
  }

  boolean holds(byte[] key) {
    return queued.containsKey(ByteBuffer.wrap(key));
  }

  int size() {
    return queued.size();
  }

  boolean isEmpty() {
    return queued.isEmpty();
  }

  /**
   * Writes the puts queued now; whether there were any. Throws, keeping them queued, when the store
   * fails; a failure is logged once until a write succeeds again.
   */
  boolean write() {
    writing.lock();
    try {
      if (queued.isEmpty()) {
        return false;
      }
      Map<Expiry, List<Queued>> batches = new LinkedHashMap<>();
      for (Queued put : queued.values()) {
        batches.computeIfAbsent(put.expiry(), e -> new ArrayList<>()).add(put);
      }
      for (Map.Entry<Expiry, List<Queued>> batch : batches.entrySet()) {
        write(batch.getKey(), batch.getValue());
      }
      if (failing.compareAndSet(true, false)) {
        LOG.log(System.Logger.Level.INFO, "Cache " + cacheName + " writes its queued puts to " + store.describe()
            + " again");
      }
      return true;
    } catch (RuntimeException e) {
      if (failing.compareAndSet(false, true)) {
        LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " could not write its queued puts to "
            + store.describe() + " (" + queued.size() + " keys waiting); they stay queued and are retried: "
            + e.getMessage());
      }
      throw e;
    } finally {
      writing.unlock();
    }
  }

  /**
   * Writes one batch. When the store fails it but still answers a ping, one of its puts is bad: each is
   * then written alone, and one the store refuses is dropped rather than holding up every other.
   */
  private void write(Expiry expiry, List<Queued> puts) {
    try {
      if (puts.size() == 1) {
        Queued put = puts.get(0);
        store.put(put.key(), put.value(), put.ifCreated(), put.ifUpdated());
      } else {
        store.putAll(puts.stream().map(Queued::key).toList(), puts.stream().map(Queued::value).toList(),
            expiry.ifCreated(), expiry.ifUpdated());
      }
      puts.forEach(put -> queued.remove(ByteBuffer.wrap(put.key()), put));
    } catch (RuntimeException e) {
      if (!answers()) {
        throw e;
      }
      for (Queued put : puts) {
        try {
          store.put(put.key(), put.value(), put.ifCreated(), put.ifUpdated());
          queued.remove(ByteBuffer.wrap(put.key()), put);
        } catch (RuntimeException refused) {
          if (!answers()) {
            throw refused;
          }
          drop(put, refused);
        }
      }
    }
  }

  private boolean answers() {
    try {
      store.ping();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void drop(Queued put, RuntimeException refused) {
    if (queued.remove(ByteBuffer.wrap(put.key()), put)) {
      forget.accept(put.key());
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " dropped a put the store refused ("
          + put.value().length + " bytes): " + refused.getMessage());
    }
  }
}
