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

  /**
   * Blocks until this caller holds a lock on {@code key} that every JVM using the same store sees,
   * for at most {@code lease}, or throws a {@link javax.cache.CacheException} once {@code wait} has passed.
   *
   * <p>It lets one process compute a missing entry while the others wait for it (stampede
   * protection across JVMs); the lease frees a lock whose holder died. The lock is not an entry: it
   * never shows up in iteration and {@code clear()} leaves it alone.
   */
  FlightLock lock(K key, Duration lease, Duration wait);

  /**
   * The keys of this cache's live entries that match a glob, read lazily page by page from the store
   * (never a keyspace-wide command): {@code *} any characters, {@code ?} one, {@code [abc]} /
   * {@code [a-z]} / {@code [!a]} a set, {@code \\} makes the next character literal. A key is matched
   * by its text ({@code String.valueOf}); reading keys touches no entry's expiry and decodes no value.
   */
  java.util.Iterator<K> keys(String glob);

  /**
   * What is stored under {@code key} — its class, size and whether its signature verifies — read without
   * deserializing it, so it works for classes this JVM cannot load; empty when no live entry is there.
   */
  java.util.Optional<StoredValue> inspect(K key);

  /**
   * How many stored values this cache has read as absent since it was opened because they could not
   * be read back or trusted (an unsigned or tampered value, a refused class, corrupt bytes); each
   * kind is also logged once per cache.
   */
  long unreadableValues();

  /** Where this cache's entries live, safe to print (no secrets). */
  String storeDescription();
}
