package dev.tiffin.provider.store;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers a read the store fails with the near tier's last copy where it holds one, else as a miss,
 * and skips a put the store fails (dropping the near tier's copy, which the put meant to replace);
 * each logged and counted. Every other change still fails: a lost removal, compare-and-set or
 * increment would be wrong without anyone knowing.
 */
public final class FailuresAsMisses extends ForwardingStore {

  private static final System.Logger LOG = System.getLogger(FailuresAsMisses.class.getName());
  private static final long RECOVERED_AFTER_SECONDS = 10;

  /** Where a failed read finds a copy: the near tier, or nowhere. */
  public interface LastKnown {

    /** Nowhere: every failed read is a miss. */
    LastKnown NONE = new LastKnown() {
      @Override
      public StoredEntry lastKnown(byte[] key) {
        return null;
      }

      @Override
      public void forget(byte[] key) {
      }
    };

    /** The last copy held of {@code key}, even one not served while invalidations may be missed, or {@code null}. */
    StoredEntry lastKnown(byte[] key);

    /** Drops the copy of {@code key}: a write to it failed. */
    void forget(byte[] key);
  }

  private final LastKnown near;
  private final StoreHealth health;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile long lastFailure;

  /** Answers {@code store}'s failures from {@code near}, counting into {@code health}. */
  public FailuresAsMisses(ByteStore store, LastKnown near, StoreHealth health) {
    super(store);
    this.near = near;
    this.health = health;
  }

  @Override
  public StoredEntry get(byte[] key) {
    try {
      return answered(store().get(key));
    } catch (RuntimeException e) {
      return fallback(key, rethrowIfAnswer(e));
    }
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    try {
      return answered(store().getAll(keys));
    } catch (RuntimeException e) {
      rethrowIfAnswer(e);
      List<StoredEntry> found = new ArrayList<>(keys.size());
      keys.forEach(key -> found.add(fallback(key, e)));
      return found;
    }
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    try {
      return answered(store().getAndTouch(key, expiresAt, now));
    } catch (RuntimeException e) {
      return fallback(key, rethrowIfAnswer(e));
    }
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    try {
      store().put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
      answered(null);
    } catch (RuntimeException e) {
      skipped(List.of(key), rethrowIfAnswer(e));
    }
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    try {
      store().putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
      answered(null);
    } catch (RuntimeException e) {
      skipped(keys, rethrowIfAnswer(e));
    }
  }

  /** Passes on what the store said about the data (not a counter, say): only failures become misses. */
  private static RuntimeException rethrowIfAnswer(RuntimeException e) {
    if (!StoreHealth.isStoreFailure(e)) {
      throw e;
    }
    return e;
  }

  private StoredEntry fallback(byte[] key, RuntimeException failure) {
    noteFailure(failure);
    StoredEntry copy = near.lastKnown(key);
    if (copy != null) {
      health.answeredFromNear();
    } else {
      health.answeredAsMiss();
    }
    return copy;
  }

  private void skipped(List<byte[]> keys, RuntimeException failure) {
    noteFailure(failure);
    keys.forEach(near::forget);
    health.writeSkipped();
  }

  /**
   * Logs the first failure of an outage at WARNING, the rest at DEBUG, so an outage does not flood the
   * log. The outage is over once the store went {@value #RECOVERED_AFTER_SECONDS} s without failing: a
   * near-tier hit answers without asking the store, so one answer proves nothing.
   */
  private void noteFailure(RuntimeException failure) {
    lastFailure = System.nanoTime();
    if (warned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, describe() + " failed (" + failure.getMessage() + "): reads are answered"
          + " from the near tier or as misses and puts are skipped until it answers again (failures-as-misses)");
    } else {
      LOG.log(System.Logger.Level.DEBUG, describe() + " failed again", failure);
    }
  }

  private <T> T answered(T result) {
    if (warned.get() && System.nanoTime() - lastFailure >= TimeUnit.SECONDS.toNanos(RECOVERED_AFTER_SECONDS)
        && warned.compareAndSet(true, false)) {
      LOG.log(System.Logger.Level.INFO, describe() + " answers again (no failure for " + RECOVERED_AFTER_SECONDS + " s)");
    }
    return result;
  }
}
