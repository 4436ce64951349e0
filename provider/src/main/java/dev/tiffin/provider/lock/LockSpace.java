package dev.tiffin.provider.lock;

import dev.tiffin.api.FlightLock;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.time.Ticker;
import dev.tiffin.spi.ByteStore;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where one cache's locks live: in its own store, so every JVM sharing the store sees them, under
 * lock keys that are never entries of the cache.
 *
 * @param clock wall-clock milliseconds, which lease expiry times are written in
 * @param ticker the monotonic time waits are measured and spent with
 * @param writes the cache's own store, flushed before a lock is released: what was written under a lock
 *     is in the store before anyone else can take it
 */
public record LockSpace(String cacheName, ByteStore store, KeyCodec keys, LongSupplier clock, Ticker ticker,
    ByteStore writes) {

  /** Locks for a cache whose writes go straight to {@code store}. */
  public LockSpace(String cacheName, ByteStore store, KeyCodec keys, LongSupplier clock, Ticker ticker) {
    this(cacheName, store, keys, clock, ticker, store);
  }

  /** Takes the lock an application asked for through {@code TiffinCache.lock}: its lease is never renewed. */
  public FlightLock lock(Object key, Duration lease, Duration wait) {
    return StoreFlightLock.acquire(this, keys.lockKey(key), key, lease, wait);
  }

  /** Takes the same lock for Tiffin's own work (a getOrSet factory run), renewed until it is closed. */
  public FlightLock renewedLock(Object key, Duration lease, Duration wait) {
    return StoreFlightLock.acquireRenewed(this, keys.lockKey(key), key, lease, wait);
  }

  /** Takes the lock Tiffin itself holds while a write goes through to the cache writer, renewed until closed. */
  FlightLock writeLock(Object key, Duration lease, Duration wait) {
    return StoreFlightLock.acquireRenewed(this, keys.writeLockKey(key), key, lease, wait);
  }
}
