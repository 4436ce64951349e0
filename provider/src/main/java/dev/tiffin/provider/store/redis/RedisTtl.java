package dev.tiffin.provider.store.redis;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import redis.clients.jedis.params.SetParams;

/** Tiffin's absolute expiry times as Redis milliseconds to live: {@value #ETERNAL} eternal, {@value #KEEP} keep. */
final class RedisTtl {

  /** No TTL. */
  static final long ETERNAL = -1;
  /** Keep the entry's current TTL. */
  static final long KEEP = -2;

  private RedisTtl() {
  }

  /** Milliseconds left until {@code expiresAt}: -1 for eternal, 0 when already due. */
  static long until(long expiresAt, long now) {
    if (expiresAt == StoredEntry.ETERNAL) {
      return ETERNAL;
    }
    return Math.max(0, expiresAt - now);
  }

  /** At least 1 ms, unless eternal. */
  static long atLeastOneMilli(long ttl) {
    return ttl == ETERNAL ? ETERNAL : Math.max(1, ttl);
  }

  /** Milliseconds to live for a put: if the entry is created, and if it is updated. */
  record ForPut(long created, long updated) {

    static ForPut of(long expiresAtIfCreated, long expiresAtIfUpdated, long now) {
      // The cache only puts entries that are live at creation and update: at least 1 ms to live.
      return new ForPut(atLeastOneMilli(until(expiresAtIfCreated, now)),
          expiresAtIfUpdated == ByteStore.KEEP_EXPIRY ? KEEP : atLeastOneMilli(until(expiresAtIfUpdated, now)));
    }

    /** The plain {@code SET} that does the same as the script, or null when none does. */
    SetParams asSetParams(boolean keepTtlSupported) {
      if (created == updated) {
        return created == ETERNAL ? new SetParams() : new SetParams().px(created);
      }
      if (created == ETERNAL && updated == KEEP && keepTtlSupported) {
        // Absent: no TTL, which is eternal. Present: its TTL stays. One plain command does both.
        return new SetParams().keepTtl();
      }
      return null;
    }
  }
}
