package dev.tiffin.provider.layered;

import dev.tiffin.provider.codec.EntryMetadata;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.CacheException;

/**
 * The store as a cache reads it: an entry {@code getOrSet} wrote with an {@link EntryMetadata} header
 * expires at the header's {@code freshUntil}, though the store keeps it for its grace period too, and
 * at once when one of its tags was invalidated after it was written. So JCache reads never see a
 * stale value, and see it expire (with an EXPIRED event) on every backend, Redis included.
 *
 * <p>Everything else passes through: values keep their header, so compare-and-set still compares
 * the stored bytes. Entries without a header cost one byte comparison.
 */
public final class LogicalExpiryStore extends ForwardingStore {

  private final TagInvalidations tags;
  private final ByteStore owned;

  /**
   * Reads {@code store} by logical expiry, checking tags against {@code tags}, and closes the layer
   * below that is the cache's own ({@code owned}: its near tier or announcer) when the cache closes.
   */
  public LogicalExpiryStore(ByteStore store, TagInvalidations tags, ByteStore owned) {
    super(store);
    this.tags = tags;
    this.owned = owned;
  }

  /** The tag invalidations this store reads entries against. */
  public TagInvalidations tags() {
    return tags;
  }

  /** The entry as stored: physical expiry, header included. */
  public StoredEntry getStored(byte[] key) {
    return store().get(key);
  }

  @Override
  public StoredEntry get(byte[] key) {
    return logical(store().get(key), null);
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    List<StoredEntry> found = store().getAll(keys);
    Map<String, Long> times = tagTimes(found);
    List<StoredEntry> logical = new ArrayList<>(found.size());
    found.forEach(entry -> logical.add(logical(entry, times)));
    return logical;
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    return logical(store().getAndTouch(key, expiresAt, now), null);
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    ScanPage page = store().scan(prefix, cursor, limit);
    List<StoredEntry> found = new ArrayList<>(page.entries().size());
    page.entries().forEach(row -> found.add(row.entry()));
    Map<String, Long> times = tagTimes(found);
    List<KeyedEntry> logical = new ArrayList<>(found.size());
    for (KeyedEntry row : page.entries()) {
      StoredEntry entry = logical(row.entry(), times);
      // A row whose tags could not be read is a miss: left out, as a scan leaves out what it misses.
      if (entry != null) {
        logical.add(new KeyedEntry(row.key(), entry));
      }
    }
    return new ScanPage(logical, page.cursor());
  }

  /**
   * A creation that lost to a tagged entry read as a miss only because its tags' records could not be
   * read fails at once: retrying would lose the same way until the store's timeout.
   */
  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    boolean swapped = store().compareAndSet(key, expected, value, expiresAt);
    // Only under failures-as-misses can a present entry read as absent; elsewhere a lost creation costs nothing more.
    if (!swapped && expected == null && tags.answersUnreadAsMisses()) {
      StoredEntry present = store().get(key);
      if (present != null && logical(present, null) == null) {
        throw new CacheException("The store holds a tagged entry under this key but fails to read its tags'"
            + " records, so failures-as-misses reads it as a miss; it cannot be replaced until the store answers");
      }
    }
    return swapped;
  }

  /** The entry with its logical expiry; {@code times} are its tags' invalidations, or null to read them. */
  private StoredEntry logical(StoredEntry entry, Map<String, Long> times) {
    if (entry == null || !EntryMetadata.isPresent(entry.value())) {
      return entry;
    }
    EntryMetadata metadata = EntryMetadata.read(entry.value());
    if (metadata == null) {
      return entry;
    }
    long expiresAt = Math.min(entry.expiresAt(), metadata.freshUntil());
    if (!metadata.tags().isEmpty()) {
      Map<String, Long> known = times != null ? times : tags.times(metadata.tags());
      if (known == TagInvalidations.UNREAD) {
        // Not an expired entry, which the cache would remove from a store that is failing: a plain miss.
        return null;
      }
      if (TagInvalidations.invalidated(metadata, known)) {
        expiresAt = Math.min(expiresAt, metadata.createdAt());
      }
    }
    return expiresAt == entry.expiresAt() ? entry : new StoredEntry(entry.value(), expiresAt);
  }

  /** The invalidation times of every tag these entries carry, in one round trip. */
  private Map<String, Long> tagTimes(List<StoredEntry> entries) {
    Set<String> carried = new HashSet<>();
    for (StoredEntry entry : entries) {
      if (entry != null && EntryMetadata.isPresent(entry.value())) {
        EntryMetadata metadata = EntryMetadata.read(entry.value());
        if (metadata != null) {
          carried.addAll(metadata.tags());
        }
      }
    }
    return tags.times(carried);
  }

  /** Closes the cache's own layer below; the store itself is shared, and the registry's to close. */
  @Override
  public void close() {
    owned.close();
  }
}
