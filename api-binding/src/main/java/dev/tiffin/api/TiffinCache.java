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

  /**
   * Stores a value for {@code ttl}, or as the cache's expiry policy says when {@code ttl} is null;
   * otherwise exactly {@code Cache.put} (write-through, events, statistics).
   */
  void set(K key, V value, Duration ttl);

  /** The live value under {@code key}, or {@code null}: exactly {@code Cache.get}. */
  V get(K key);

  /** Whether a live entry is under {@code key}, touching neither its expiry nor the statistics. */
  boolean exists(K key);

  /** Removes the entry under {@code key}; {@code true} only when a live entry was removed. */
  boolean delete(K key);

  /**
   * Stores a counter, with the cache's expiry policy. A counter is a decimal integer stored as its text,
   * so other clients of the store read and change it too; through JCache it reads as a {@code String}.
   * Counter operations go straight to the store: no {@code CacheWriter}, no events, no statistics.
   */
  void setNumeric(K key, long value);

  /** Stores a counter that expires after {@code ttl}. */
  void setNumeric(K key, long value, Duration ttl);

  /**
   * The counter under {@code key}, 0 when there is no live entry; a whole number stored through JCache
   * ({@code Long}, {@code Integer}) reads as its value.
   *
   * @throws javax.cache.CacheException when the entry holds something else
   */
  long getNumeric(K key);

  /**
   * Adds {@code delta} to the counter under {@code key} in one atomic step in the store and returns the
   * new value; a missing counter counts as 0 and is created with the cache's creation expiry, an
   * existing one keeps its expiry.
   *
   * @throws javax.cache.CacheException when the entry is not a counter or the sum would overflow;
   *     the entry is left as it was
   */
  long incr(K key, long delta);

  /**
   * The fresh value under {@code key}, or the one {@code factory} computes and stores: while one
   * caller runs the factory for a key, every other caller of that key waits for its value, in this JVM
   * and in every JVM sharing the store (stampede protection). Same as {@link #getOrSet(Object,
   * GetOrSetOptions, ValueFactory)} with {@link GetOrSetOptions#defaults()}.
   */
  V getOrSet(K key, ValueFactory<V> factory);

  /**
   * The fresh value under {@code key}, or the one {@code factory} computes and stores, as
   * {@code options} say: ttl, grace period and back-off, soft and hard timeouts, lock timeout,
   * force-fresh and tags. A value past its ttl but in its grace period is served when the factory
   * fails, times out, or backs off after a failure. Values are stored without calling a
   * {@code CacheWriter} or raising events, as a loaded value would be.
   *
   * @throws javax.cache.CacheException when the factory fails or times out and no stale value is at hand
   */
  V getOrSet(K key, GetOrSetOptions options, ValueFactory<V> factory);

  /**
   * Invalidates every entry stored with {@code tag} (by {@code getOrSet}), in every JVM sharing the
   * store, from their next read on: such entries read as absent, with no grace.
   */
  void deleteByTag(String tag);

  /** What {@code getOrSet} did on this cache in this JVM. */
  GetOrSetStatistics getOrSetStatistics();

  /**
   * A namespace of this cache: the same operations over keys of its own, kept under a sub-prefix in
   * the store. Namespaces nest ({@code namespace("a").namespace("b")}); each operation in one first
   * reads its current generation (one extra round trip per level). Its entries are Tiffin entries
   * only: no {@code CacheWriter}, listener, loader or JCache statistics sees them, and the cache's
   * own {@code clear()} leaves them.
   */
  TiffinCache<K, V> namespace(String name);

  /**
   * Removes every entry: on a cache, exactly {@code Cache.clear()}; on a namespace, at once and for
   * every JVM in one atomic step in the store (the namespace moves to a new generation), whatever
   * its size, while the old entries are deleted in the background. Nested namespaces go with it.
   */
  void clear();

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

  /**
   * How this JVM's callers of the cache's store fared when it failed (failed reads answered from the
   * near tier or as misses, skipped puts, the circuit breaker), counted per store.
   */
  StoreFailures storeFailures();

  /** Where this cache's entries live, safe to print (no secrets). */
  String storeDescription();
}
