package dev.tiffin.provider.catalog;

import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.near.AnnouncingStore;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The caches one application created in one store, kept in the store itself under
 * {@code <app>:#catalog:<cache>}, so every JVM, every restart and the CLI see the same caches.
 *
 * <p>Catalog keys sit inside {@code <app>:} (a Redis ACL limited to the application covers them)
 * but outside every cache's prefix: cache names are percent-encoded in keys, so none starts with
 * {@code #}.
 */
public final class StoreCatalog {

  private static final int PAGE = 256;

  private final ByteStore store;
  private final String app;
  private final byte[] prefix;

  /** The catalog of {@code app} in {@code store}. */
  public StoreCatalog(ByteStore store, String app) {
    this.store = store;
    this.app = app;
    this.prefix = (app + ":#catalog:").getBytes(StandardCharsets.UTF_8);
  }

  /** Records (or replaces) what is needed to reopen a cache. */
  public void record(String cacheName, CatalogRecord record) {
    store.put(key(cacheName), record.toText().getBytes(StandardCharsets.UTF_8), StoredEntry.ETERNAL,
        StoredEntry.ETERNAL);
  }

  /** What the store remembers of a cache, if it knows it. */
  public Optional<CatalogRecord> find(String cacheName) {
    StoredEntry entry = store.get(key(cacheName));
    return entry == null ? Optional.empty() : CatalogRecord.parse(new String(entry.value(), StandardCharsets.UTF_8));
  }

  /** The names of every cache the store knows for this application. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    byte[] cursor = null;
    do {
      ScanPage page = store.scan(prefix, cursor, PAGE);
      for (KeyedEntry row : page.entries()) {
        String escaped = new String(row.key(), prefix.length, row.key().length - prefix.length, StandardCharsets.UTF_8);
        names.add(URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
      cursor = page.cursor();
    } while (cursor != null);
    return names;
  }

  /**
   * Removes a cache's entries and its record. The cache is not open here, so the near tiers that hold
   * its entries elsewhere are told to drop them all by a member that joins for this alone.
   */
  public void destroy(String cacheName) {
    KeyCodec keys = new KeyCodec(app, cacheName, null);
    try (AnnouncingStore announced = new AnnouncingStore(store,
        InProcessInvalidationBus.of(store).announce(keys.channel()))) {
      announced.clear(keys.prefix());
    }
    store.removeAll(java.util.List.of(key(cacheName)));
  }

  /** Removes a cache's record only (its entries are gone already). */
  public void forget(String cacheName) {
    store.removeAll(java.util.List.of(key(cacheName)));
  }

  private byte[] key(String cacheName) {
    return (app + ":#catalog:" + KeyCodec.escape(cacheName)).getBytes(StandardCharsets.UTF_8);
  }
}
