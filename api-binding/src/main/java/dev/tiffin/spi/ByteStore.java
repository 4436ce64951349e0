package dev.tiffin.spi;

import java.util.List;

/**
 * The storage seam under a cache: atomic single-key primitives over byte keys and byte values.
 *
 * <p>A store knows nothing of JCache. Every method that changes an entry is atomic in the store
 * itself, so two processes sharing one backend never lose an update. Expired entries stay
 * visible to {@link #get} until they are overwritten, removed or swept, so that the cache can
 * report them as expired.
 */
public interface ByteStore extends AutoCloseable {

  /** Passed as an expiry time to keep the existing entry's expiry time. */
  long KEEP_EXPIRY = -1;

  /** Returns the entry stored under {@code key}, expired or not, or {@code null}. */
  StoredEntry get(byte[] key);

  /** Returns the entries for {@code keys} in the same order, {@code null} where absent. */
  List<StoredEntry> getAll(List<byte[]> keys);

  /**
   * Stores {@code value} unconditionally; the expiry time depends on whether a live entry was
   * replaced, which lets a plain put stay a single round trip.
   */
  void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated);

  /**
   * Replaces the entry whose current value is {@code expected} (or inserts when {@code expected}
   * is {@code null} and nothing is stored); removes it when {@code value} is {@code null}.
   * {@code expiresAt} may be {@link #KEEP_EXPIRY} when replacing.
   *
   * @return whether the store changed; {@code false} means another writer got there first
   */
  boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt);

  /**
   * Reads an entry live at {@code now} and gives it a new expiry time, in one round trip where the
   * store can; returns {@code null}, touching nothing, when there is no live entry.
   */
  default StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    StoredEntry entry = get(key);
    if (entry == null || entry.isExpiredAt(now)) {
      return null;
    }
    touch(key, entry.value(), expiresAt);
    return new StoredEntry(entry.value(), expiresAt);
  }

  /**
   * Adds {@code delta} to the counter under {@code key} in one atomic step in the store and returns the
   * new value. A counter is a decimal integer stored as its ASCII text, so other clients of the store
   * can read and change it too ({@code INCRBY} on Redis). An absent or expired entry counts as 0 and
   * is created with {@code expiresAtIfCreated}; a live one keeps its expiry time.
   *
   * @throws NotACounterException when the live value is not a decimal integer or the sum overflows
   */
  long increment(byte[] key, long delta, long expiresAtIfCreated);

  /** Sets a new expiry time if the entry still holds {@code expected} and has not expired. */
  boolean touch(byte[] key, byte[] expected, long expiresAt);

  /**
   * Stores several values unconditionally, each with the creation or update expiry as {@link #put}
   * does, in as few round trips as the store allows.
   */
  void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated);

  /** Removes the entries under {@code keys} and returns how many of them were live. */
  long removeAll(List<byte[]> keys);

  /** Returns up to {@code limit} entries whose keys start with {@code prefix}, after {@code cursor}. */
  ScanPage scan(byte[] prefix, byte[] cursor, int limit);

  /** Removes every entry whose key starts with {@code prefix} and returns how many went. */
  long clear(byte[] prefix);

  /**
   * Returns once every write this store has accepted is in the backend, where the store's other users
   * see it; a store that writes before returning from each call has nothing to do.
   */
  default void flush() {
  }

  /** Checks that the backend answers; throws a {@code CacheException} naming it if not. */
  void ping();

  /**
   * What the backend says about itself, for a health check or a "test connection": product, version,
   * mode and the like, safe to print. One round trip at most.
   */
  default java.util.Map<String, String> serverInfo() {
    return java.util.Map.of();
  }

  /**
   * The bus on which users of this store tell each other which keys changed, or {@code null} when
   * the store has none (the near tier then hears only the writes of this JVM).
   */
  default InvalidationBus invalidationBus() {
    return null;
  }

  /**
   * The bus that carries entry events between users of this store: its invalidation bus, unless the
   * store's way of reaching other processes carries keys only (then a bus within this JVM, or {@code null}).
   */
  default InvalidationBus eventBus() {
    return invalidationBus();
  }

  /** A description of where the data lives, safe to print (never a secret). */
  String describe();

  @Override
  void close();
}
