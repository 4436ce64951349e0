package dev.tiffin.provider;

import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.spi.NotACounterException;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.cache.CacheException;

/**
 * A cache's counters: decimal integers stored as their ASCII text, changed by one atomic step in the
 * store ({@code INCRBY} on Redis, one upsert on SQLite), so every JVM and any other client of the
 * store ({@code redis-cli INCRBY}) count together.
 *
 * <p>Counters are store operations: they call no {@code CacheWriter}, raise no events and count no
 * JCache statistics. Read through JCache, a counter is the {@code String} of its digits.
 */
final class Counters<K, V> {

  private final CacheSpace space;
  private final ExpiryCalculator expiry;
  private final EntryEngine<K, V> engine;

  Counters(CacheSpace space, ExpiryCalculator expiry, EntryEngine<K, V> engine) {
    this.space = space;
    this.expiry = expiry;
    this.engine = engine;
  }

  /** Stores {@code value}, expiring at {@code expiresAt}, or as the cache's policy says when that is null. */
  void set(K key, long value, Long expiresAt) {
    long now = space.now();
    long ifCreated = expiresAt != null ? expiresAt : expiry.forCreation(now);
    long ifUpdated = expiresAt != null ? expiresAt : expiry.forUpdate(now);
    if (ifCreated <= now) {
      // Created already expired: what the policy says for a put is that nothing is stored.
      space.store().removeAll(List.of(space.keys().encode(key)));
      return;
    }
    space.store().put(space.keys().encode(key), text(value), ifCreated, ifUpdated);
  }

  /**
   * The counter's value, 0 when there is no live entry. A number stored through JCache ({@code Long},
   * {@code Integer} and the like) reads as its {@code long} value.
   */
  long get(K key) {
    byte[] storeKey = space.keys().encode(key);
    StoredEntry stored = space.store().get(storeKey);
    if (stored == null || stored.isExpiredAt(space.now())) {
      return 0;
    }
    Long counted = parse(stored.value());
    if (counted != null) {
      return counted;
    }
    Object value = engine.decodeOrAbsent(storeKey, stored.value());
    if (value == null) {
      return 0;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof String text && parse(text.getBytes(StandardCharsets.UTF_8)) != null) {
      return parse(text.getBytes(StandardCharsets.UTF_8));
    }
    throw notACounter(key, "holds a " + value.getClass().getName() + ", not an integer");
  }

  /** Adds {@code delta} and returns the new value; a missing counter starts at 0 with the creation expiry. */
  long add(K key, long delta) {
    try {
      return space.store().increment(space.keys().encode(key), delta, expiry.forCreation(space.now()));
    } catch (NotACounterException e) {
      throw notACounter(key, e.getMessage());
    }
  }

  private CacheException notACounter(K key, String why) {
    return new CacheException("Key " + key + " of cache " + space.cacheName() + " is not a counter: " + why
        + "; counters are written by setNumeric or incr");
  }

  private static byte[] text(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** The decimal integer these bytes spell exactly (no sign but '-', no spaces), or null. */
  private static Long parse(byte[] bytes) {
    int length = bytes.length;
    if (length == 0 || length > 20) {
      return null;
    }
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (!(b >= '0' && b <= '9') && !(b == '-' && i == 0 && length > 1)) {
        return null;
      }
    }
    try {
      return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
