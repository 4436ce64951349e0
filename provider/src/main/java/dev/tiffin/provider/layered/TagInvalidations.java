package dev.tiffin.provider.layered;

import dev.tiffin.provider.codec.EntryMetadata;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.store.StoreHealth;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.cache.CacheException;

/**
 * When each tag of a cache was last invalidated, kept in the store under the cache's
 * {@code #tag:} keys so every JVM sees {@code deleteByTag} on its next read. An entry carrying a tag
 * is gone when it was created no later than the tag's invalidation: checking costs one extra read
 * of the entry's tags (one round trip, whatever their number) on every read of a tagged entry, and
 * nothing on untagged ones. Times are the writers' wall clocks, so JVMs sharing a store need
 * synchronized clocks (NTP); a record is one small eternal key per tag ever invalidated.
 */
public final class TagInvalidations {

  private static final int ATTEMPTS = 20;
  /** The times of tags the store failed to read, under failures-as-misses: every entry carrying them is a miss. */
  static final Map<String, Long> UNREAD = Collections.unmodifiableMap(new HashMap<>());

  private final ByteStore store;
  private final KeyCodec keys;
  private final LongSupplier clock;
  private final boolean unreadAsInvalidated;

  /**
   * The tags of the cache whose keys are {@code keys}. With {@code unreadAsInvalidated} (the store's
   * failures-as-misses), tags whose times the store fails to read are {@link #UNREAD}, so their entry
   * is a miss: never a value {@code deleteByTag} may have removed; otherwise the read fails.
   */
  public TagInvalidations(ByteStore store, KeyCodec keys, LongSupplier clock, boolean unreadAsInvalidated) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.unreadAsInvalidated = unreadAsInvalidated;
  }

  /** Whether tag records the store fails to read make their entries misses, rather than failing the read. */
  boolean answersUnreadAsMisses() {
    return unreadAsInvalidated;
  }

  /** Marks every entry carrying {@code tag} and created until now as gone; an invalidation time never goes back. */
  public void invalidate(String tag) {
    byte[] key = keys.tagKey(tag);
    long now = clock.getAsLong();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      StoredEntry current = store.get(key);
      if (current != null && parse(current.value()) >= now) {
        return;
      }
      byte[] time = Long.toString(now).getBytes(StandardCharsets.US_ASCII);
      if (store.compareAndSet(key, current == null ? null : current.value(), time, StoredEntry.ETERNAL)) {
        return;
      }
    }
    throw new CacheException("Tag " + tag + " stayed contended through " + ATTEMPTS + " attempts to invalidate it");
  }

  /** Whether an entry with this header was invalidated through one of its tags. */
  public boolean invalidated(EntryMetadata metadata) {
    return invalidated(metadata, times(metadata.tags()));
  }

  /** Whether an entry with this header was invalidated, given its tags' invalidation times. */
  static boolean invalidated(EntryMetadata metadata, Map<String, Long> times) {
    if (times == UNREAD) {
      return true;
    }
    for (String tag : metadata.tags()) {
      Long invalidatedAt = times.get(tag);
      if (invalidatedAt != null && metadata.createdAt() <= invalidatedAt) {
        return true;
      }
    }
    return false;
  }

  /** The invalidation times of {@code tags} that have one, read in one round trip; or {@link #UNREAD}. */
  Map<String, Long> times(Collection<String> tags) {
    if (tags.isEmpty()) {
      return Map.of();
    }
    List<String> names = List.copyOf(tags);
    List<byte[]> storeKeys = new ArrayList<>(names.size());
    names.forEach(tag -> storeKeys.add(keys.tagKey(tag)));
    List<StoredEntry> found;
    try {
      found = store.getAll(storeKeys);
    } catch (RuntimeException e) {
      if (!unreadAsInvalidated || !StoreHealth.isStoreFailure(e)) {
        throw e;
      }
      return UNREAD;
    }
    Map<String, Long> times = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (found.get(i) != null) {
        times.put(names.get(i), parse(found.get(i).value()));
      }
    }
    return times;
  }

  private static long parse(byte[] value) {
    try {
      return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      // Not written by Tiffin: read as invalidated forever, the safe side.
      return Long.MAX_VALUE;
    }
  }
}
