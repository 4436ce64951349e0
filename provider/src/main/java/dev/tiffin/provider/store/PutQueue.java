package dev.tiffin.provider.store;

import dev.tiffin.spi.ByteStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.cache.CacheException;

/**
 * The puts a write-behind cache has accepted and not yet written, at most one per key (the latest), and
 * how they are written: one bulk write per expiry, one writer at a time, so puts to one key reach the store
 * in the order they were made. A put leaves the queue once written, unless a newer put of its key came in.
 *
 * <p>A put the store refuses in {@value #REFUSALS_TO_DROP} passes in which other puts were written is
 * bad in itself (a value too large, say): it is dropped, so that it cannot hold up every other one.
 */
final class PutQueue {

  private static final System.Logger LOG = System.getLogger(PutQueue.class.getName());
  static final int REFUSALS_TO_DROP = 3;

  /** One put waiting to be written (equal to another only when it holds the very same objects). */
  private record Queued(byte[] key, byte[] value, long ifCreated, long ifUpdated, AtomicInteger refusals) {
    Expiry expiry() {
      return new Expiry(ifCreated, ifUpdated);
    }

    /**
     * This put, made after {@code earlier} still waits: the two written in turn would leave this value with
     * the expiry {@code earlier} gave it when this one keeps it, else with this one's update expiry.
     */
    Queued after(Queued earlier) {
      return ifUpdated == ByteStore.KEEP_EXPIRY
          ? new Queued(key, value, earlier.ifCreated, earlier.ifUpdated, refusals)
          : new Queued(key, value, ifUpdated, ifUpdated, refusals);
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
    Queued put = new Queued(key, value, expiresAtIfCreated, expiresAtIfUpdated, new AtomicInteger());
    queued.merge(ByteBuffer.wrap(key), put, (earlier, later) -> later.after(earlier));
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
   * Writes the puts queued now; whether there were any. Throws, keeping what it could not write queued,
   * when the store fails or refuses a put; a failing store is logged once until a write succeeds again,
   * and while it fails a caller finding another write under way fails at once rather than wait behind it
   * for the store's timeout.
   */
  boolean write() {
    if (!failing.get()) {
      writing.lock();
    } else if (!writing.tryLock()) {
      throw new CacheException("Cache " + cacheName + " cannot write its queued puts to " + store.describe()
          + " now: its last write failed and another is under way");
    }
    Pass pass = new Pass();
    try {
      if (queued.isEmpty()) {
        return false;
      }
      Map<Expiry, List<Queued>> batches = new LinkedHashMap<>();
      for (Queued put : queued.values()) {
        batches.computeIfAbsent(put.expiry(), e -> new ArrayList<>()).add(put);
      }
      for (Map.Entry<Expiry, List<Queued>> batch : batches.entrySet()) {
        write(batch.getKey(), batch.getValue(), pass);
      }
      pass.end();
      if (failing.compareAndSet(true, false)) {
        LOG.log(System.Logger.Level.INFO, "Cache " + cacheName + " writes its queued puts to " + store.describe()
            + " again");
      }
      return true;
    } catch (RuntimeException e) {
      // A pass that wrote something met a refused put, not a failing store.
      if (!pass.wroteAny && failing.compareAndSet(false, true)) {
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
   * One pass over the queue. Two failures in a row before anything was written mean the store is failing,
   * not a put: the pass stops and everything stays queued. A put that fails between others that were
   * written counts as refused.
   */
  private final class Pass {
    private final List<Queued> refused = new ArrayList<>();
    private RuntimeException failure;
    private boolean wroteAny;
    private boolean failedLast;

    void written(List<Queued> puts) {
      puts.forEach(PutQueue.this::written);
      wroteAny = true;
      failedLast = false;
    }

    void failed(List<Queued> puts, RuntimeException e) {
      if (failedLast && !wroteAny) {
        throw e;
      }
      refused.addAll(puts);
      failure = e;
      failedLast = true;
    }

    /** Throws the pass's failure, if any, after counting the refusals of a pass that wrote something. */
    void end() {
      if (failure == null) {
        return;
      }
      if (wroteAny) {
        for (Queued put : refused) {
          if (put.refusals().incrementAndGet() >= REFUSALS_TO_DROP) {
            drop(put, failure);
          }
        }
      }
      throw failure;
    }
  }

  /** Writes one batch in one bulk write, or put by put when that fails, so that one bad put cannot sink the others. */
  private void write(Expiry expiry, List<Queued> puts, Pass pass) {
    try {
      if (puts.size() == 1) {
        Queued put = puts.get(0);
        store.put(put.key(), put.value(), put.ifCreated(), put.ifUpdated());
      } else {
        store.putAll(puts.stream().map(Queued::key).toList(), puts.stream().map(Queued::value).toList(),
            expiry.ifCreated(), expiry.ifUpdated());
      }
      pass.written(puts);
    } catch (RuntimeException batchFailure) {
      if (puts.size() == 1) {
        pass.failed(puts, batchFailure);
        return;
      }
      for (Queued put : puts) {
        try {
          store.put(put.key(), put.value(), put.ifCreated(), put.ifUpdated());
          pass.written(List.of(put));
        } catch (RuntimeException e) {
          pass.failed(List.of(put), e);
        }
      }
    }
  }

  private void written(Queued put) {
    queued.remove(ByteBuffer.wrap(put.key()), put);
  }

  private void drop(Queued put, RuntimeException refused) {
    if (queued.remove(ByteBuffer.wrap(put.key()), put)) {
      forget.accept(put.key());
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " dropped a put the store refused "
          + REFUSALS_TO_DROP + " times while it took others (" + put.value().length + " bytes): "
          + refused.getMessage());
    }
  }
}
