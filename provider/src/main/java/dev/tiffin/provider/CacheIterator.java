package dev.tiffin.provider;

import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.provider.entry.SimpleEntry;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import javax.cache.Cache;

/** Iterates a cache's live entries page by page, so a large cache never sits in memory at once. */
final class CacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  static final int PAGE_SIZE = 256;

  private final CacheSpace space;
  private final byte[] prefix;
  private final Consumer<K> remover;
  private final EntryReader<K, V> reader;
  private Iterator<KeyedEntry> page;
  private byte[] cursor;
  private boolean exhausted;
  private Cache.Entry<K, V> next;
  private Cache.Entry<K, V> last;

  /**
   * The iterator {@code Cache.iterator()} returns: each live entry, touched for access as a read,
   * counted as a hit; {@code remover} removes as {@code Cache.remove(key)} does.
   */
  static <K, V> CacheIterator<K, V> entries(CacheContext<K, V> context, EntryEngine<K, V> engine, Consumer<K> remover) {
    return new CacheIterator<>(context.space(), remover, (storeKey, stored) -> {
      long start = context.statistics().start();
      EntryState<K, V> state = engine.scanned(storeKey, stored);
      if (state == null || !state.wasLive()) {
        return null;
      }
      state.access();
      engine.commit(state, EventBatch.none());
      context.statistics().recordGet(1, 0, start);
      return new SimpleEntry<>(state.getKey(), state.current());
    });
  }

  /** Iterates the live entries of {@code space}; {@code remover} removes one (null: removal not offered). */
  CacheIterator(CacheSpace space, Consumer<K> remover, EntryReader<K, V> reader) {
    this.space = space;
    this.prefix = space.keys().prefix();
    this.remover = remover;
    this.reader = reader;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (page == null || !page.hasNext()) {
        if (exhausted) {
          return false;
        }
        ScanPage scanned = space.store().scan(prefix, cursor, PAGE_SIZE);
        page = scanned.entries().iterator();
        cursor = scanned.cursor();
        exhausted = cursor == null;
        continue;
      }
      KeyedEntry row = page.next();
      next = reader.read(row.key(), row.entry());
    }
    return true;
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    last = next;
    next = null;
    return last;
  }

  @Override
  public void remove() {
    if (remover == null) {
      throw new UnsupportedOperationException("remove");
    }
    if (last == null) {
      throw new IllegalStateException("call next() before remove()");
    }
    remover.accept(last.getKey());
    last = null;
  }

  /** The keys of the entries this iterator yields, as lazily; removal is not offered. */
  Iterator<K> keys() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return CacheIterator.this.hasNext();
      }

      @Override
      public K next() {
        return CacheIterator.this.next().getKey();
      }
    };
  }

  /** Turns a scanned row into a live entry, or {@code null} to skip it. */
  @FunctionalInterface
  interface EntryReader<K, V> {
    Cache.Entry<K, V> read(byte[] storeKey, StoredEntry stored);
  }
}
