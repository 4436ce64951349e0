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

/**
 * The puts a write-behind cache has accepted and not yet written, at most one per key (the latest), and
 * how they are written: one bulk write per expiry, one writer at a time, so puts to one key reach the store
 * in the order they were made. A put leaves the queue once written, unless a newer put of its key came in.
 *
 * <p>A write that fails while the store still answers {@code PING} is a refusal, not an outage: the
 * pass goes on. A put refused just before another write succeeded, in {@value #REFUSALS_TO_DROP} passes,
 * is bad in itself (a value too large, say) and is dropped, so it cannot hold up the others; a store that
 * refuses every write (out of memory, read-only) drops none.
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

  /** What a pass over the queue did. */
  enum Outcome {
    /** Nothing was queued. */
    EMPTY,
    /** It wrote puts (others may be refused and still queued). */
    WROTE,
    /** The store refused every queued put while it answered: try again later. */
    STUCK
  }

  private final Map<ByteBuffer, Queued> queued = new ConcurrentHashMap<>();
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicBoolean failing = new AtomicBoolean();
  /** How many passes have begun; a caller that waited while one began needs no pass of its own. */
  private volatile long passes;
  /** What the latest pass came to: its outcome, or the store's failure that ended it. */
  private Outcome lastOutcome = Outcome.EMPTY;
  private RuntimeException lastFailure;
  private volatile RuntimeException lastRefusal;
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

  /** The put of {@code key} waiting now, or {@code null}: another one later means it was written or superseded. */
  Object waiting(byte[] key) {
    return queued.get(ByteBuffer.wrap(key));
  }

  int size() {
    return queued.size();
  }

  boolean isEmpty() {
    return queued.isEmpty();
  }

  /** Why the store last refused a put, for a caller whose own put is still queued. */
  RuntimeException lastRefusal() {
    return lastRefusal;
  }

  /**
   * Writes the puts queued now, unless a pass began while this caller waited for its turn (that pass
   * covered them). Throws the store's failure, keeping the puts queued, when the store does not answer;
   * that is logged once until a pass succeeds again.
   */
  Outcome write() {
    long before = passes;
    writing.lock();
    try {
      if (passes != before) {
        if (lastFailure != null) {
          throw lastFailure;
        }
        return lastOutcome;
      }
      passes++;
      lastFailure = null;
      lastOutcome = pass();
      if (failing.compareAndSet(true, false)) {
        LOG.log(System.Logger.Level.INFO, "Cache " + cacheName + " writes its queued puts to " + store.describe()
            + " again");
      }
      return lastOutcome;
    } catch (RuntimeException e) {
      lastFailure = e;
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

  private Outcome pass() {
    if (queued.isEmpty()) {
      return Outcome.EMPTY;
    }
    Map<Expiry, List<Queued>> batches = new LinkedHashMap<>();
    for (Queued put : queued.values()) {
      batches.computeIfAbsent(put.expiry(), e -> new ArrayList<>()).add(put);
    }
    Pass pass = new Pass();
    for (Map.Entry<Expiry, List<Queued>> batch : batches.entrySet()) {
      write(batch.getKey(), batch.getValue(), pass);
    }
    return pass.wroteAny ? Outcome.WROTE : Outcome.STUCK;
  }

  /** Writes one batch in one bulk write, or put by put when the store refuses it, so one bad put cannot sink the rest. */
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
      pass.requireAnswers(batchFailure);
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

  /** One pass over the queue: which puts failed since its last successful write. */
  private final class Pass {
    private final List<Queued> failedSinceWrite = new ArrayList<>();
    private boolean wroteAny;

    /** Puts that failed just before these were written were refused by a store taking writes: counted. */
    void written(List<Queued> puts) {
      puts.forEach(put -> queued.remove(ByteBuffer.wrap(put.key()), put));
      wroteAny = true;
      for (Queued refused : failedSinceWrite) {
        if (refused.refusals().incrementAndGet() >= REFUSALS_TO_DROP) {
          drop(refused);
        }
      }
      failedSinceWrite.clear();
    }

    /** A failure while the store answers is a refusal of these puts; otherwise the store is down: the pass ends. */
    void failed(List<Queued> puts, RuntimeException e) {
      requireAnswers(e);
      lastRefusal = e;
      failedSinceWrite.addAll(puts);
    }

    void requireAnswers(RuntimeException failure) {
      if (!answers()) {
        throw failure;
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

  private void drop(Queued put) {
    if (queued.remove(ByteBuffer.wrap(put.key()), put)) {
      forget.accept(put.key());
      RuntimeException refused = lastRefusal;
      LOG.log(System.Logger.Level.WARNING, "Cache " + cacheName + " dropped a put the store refused "
          + REFUSALS_TO_DROP + " times while it took others (" + put.value().length + " bytes)"
          + (refused != null ? ": " + refused.getMessage() : ""));
    }
  }
}
