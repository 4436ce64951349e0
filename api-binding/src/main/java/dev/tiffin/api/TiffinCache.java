package dev.tiffin.api;

import java.time.Duration;

/**
 * What a Tiffin cache offers beyond JCache, reached with {@code cache.unwrap(TiffinCache.class)}.
 *
 * <p>Portable code never needs this type; it is for applications that chose Tiffin on purpose.
 */
public interface TiffinCache<K, V> {

  /**
   * Checks that the store behind this cache answers and returns the round-trip time.
   *
   * @throws javax.cache.CacheException naming the store when it does not answer
   */
  Duration ping();

  /** Stores a value that expires after {@code ttl}, whatever the cache's expiry policy says. */
  void put(K key, V value, Duration ttl);

  /** Gives a live entry a new time to live; returns {@code false} when there is no such entry. */
  boolean expire(K key, Duration ttl);

  /** Where this cache's entries live, safe to print (no secrets). */
  String storeDescription();
}
