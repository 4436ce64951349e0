package dev.tiffin.provider.store;

import dev.tiffin.config.FailureSettings;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * Stops calling a store that keeps failing: after the configured number of failed calls in a row,
 * every call fails at once for the configured time; then one call probes the store with a PING, and
 * only a store that answers is called again (until then the others still fail at once).
 */
public final class CircuitBreakerStore extends ForwardingStore {

  private static final System.Logger LOG = System.getLogger(CircuitBreakerStore.class.getName());

  private final long threshold;
  private final long openForNanos;
  private final StoreHealth health;
  private final AtomicLong failuresInARow = new AtomicLong();
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile boolean open;
  private volatile long probeAt;

  /** A breaker over {@code store}, counting into {@code health}. */
  public CircuitBreakerStore(ByteStore store, FailureSettings settings, StoreHealth health) {
    super(store);
    this.threshold = settings.breakerFailures();
    this.openForNanos = settings.breakerOpenFor().toNanos();
    this.health = health;
  }

  private <T> T call(Supplier<T> work) {
    if (open) {
      probe();
    }
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      if (StoreHealth.isStoreFailure(e)) {
        health.failedCall();
        if (failuresInARow.incrementAndGet() >= threshold) {
          trip(e);
        }
      }
      throw e;
    }
    // Read first: a write on every call would be a contended cache line for no news.
    if (failuresInARow.get() != 0) {
      failuresInARow.set(0);
    }
    return result;
  }

  private void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }

  /** Fails at once while open; once the time is up, lets one caller ask the store whether it is back. */
  private void probe() {
    if (System.nanoTime() - probeAt < 0 || !probing.compareAndSet(false, true)) {
      health.rejected();
      throw new CacheException("Not calling " + describe() + ": its circuit breaker opened after " + threshold
          + " failures in a row, and it is probed again within "
          + TimeUnit.NANOSECONDS.toMillis(Math.max(0, probeAt - System.nanoTime())) + " ms");
    }
    try {
      store().ping();
      failuresInARow.set(0);
      open = false;
      health.breakerClosed();
      LOG.log(System.Logger.Level.INFO, "Circuit breaker of " + describe() + " closed: the store answered its probe");
    } catch (RuntimeException e) {
      probeAt = System.nanoTime() + openForNanos;
      health.failedProbe();
      health.rejected();
      throw new CacheException("Not calling " + describe() + ": its circuit breaker is open and the store failed"
          + " its probe (" + e.getMessage() + ")", e);
    } finally {
      probing.set(false);
    }
  }

  private synchronized void trip(RuntimeException cause) {
    if (!open) {
      probeAt = System.nanoTime() + openForNanos;
      open = true;
      health.breakerOpened();
      LOG.log(System.Logger.Level.WARNING, "Circuit breaker of " + describe() + " opened after " + threshold
          + " failures in a row (last: " + cause.getMessage() + "); calls fail at once for "
          + TimeUnit.NANOSECONDS.toMillis(openForNanos) + " ms, then a PING probes the store");
    }
  }

  @Override
  public StoredEntry get(byte[] key) {
    return call(() -> store().get(key));
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    return call(() -> store().getAll(keys));
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    return call(() -> store().getAndTouch(key, expiresAt, now));
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    run(() -> store().put(key, value, expiresAtIfCreated, expiresAtIfUpdated));
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    return call(() -> store().compareAndSet(key, expected, value, expiresAt));
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    return call(() -> store().increment(key, delta, expiresAtIfCreated));
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    return call(() -> store().touch(key, expected, expiresAt));
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    run(() -> store().putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated));
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    return call(() -> store().removeAll(keys));
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    return call(() -> store().scan(prefix, cursor, limit));
  }

  @Override
  public long clear(byte[] prefix) {
    return call(() -> store().clear(prefix));
  }

  @Override
  public void ping() {
    run(() -> store().ping());
  }

  @Override
  public Map<String, String> serverInfo() {
    return call(() -> store().serverInfo());
  }
}
