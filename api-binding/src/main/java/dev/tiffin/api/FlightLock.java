package dev.tiffin.api;

/**
 * A lock on one cache key held through {@link TiffinCache#lock}; closing it releases the lock.
 *
 * <p>Closing is idempotent, and a lock whose lease ran out (and that another caller may have taken
 * since) is left alone: only the holder's own lease is ever released.
 */
public interface FlightLock extends AutoCloseable {

  /**
   * Releases the lock if this caller still holds it, once the cache's queued puts (write-behind) are in
   * the store; when they cannot be written, keeps it until its lease runs out and throws a
   * {@link javax.cache.CacheException} saying so.
   */
  @Override
  void close();
}
