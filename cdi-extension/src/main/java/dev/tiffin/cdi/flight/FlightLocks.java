package dev.tiffin.cdi.flight;

/** A lock on one cache key that every JVM sharing the cache's store respects. */
interface FlightLocks {

  /**
   * Blocks until this caller holds the lock on {@code key} and returns what releases it; throws a
   * {@code CacheException} when the lock cannot be had within the configured wait.
   */
  Runnable acquire(Object key);
}
