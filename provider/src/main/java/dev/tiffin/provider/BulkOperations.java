package dev.tiffin.provider;

import dev.tiffin.provider.EntryEngine.Applied;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.event.EventDispatcher;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.management.CacheStatistics;
import dev.tiffin.provider.processor.EntryState;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import dev.tiffin.spi.ValueCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.integration.CompletionListener;

/**
 * The multi-key operations of a cache: one bulk read where the store offers it, the writer called
 * once for the batch, and the specification's partial-failure rules.
 *
 * <p>Arguments arrive already checked by {@link StoreBackedCache}.
 */
final class BulkOperations<K, V> {

  private final StoreBackedCache<K, V> cache;
  private final EntryEngine<K, V> engine;
  private final ByteStore store;
  private final KeyCodec keys;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics;
  private final WriterSupport<K, V> writer;
  private final LoaderSupport<K, V> loader;
  private final LoaderSupport<K, V> readThrough;
  private final BackgroundLoader backgroundLoader;
  private final ValueCodec values;
  private final ExpiryCalculator expiry;
  private final LongSupplier clock;

  BulkOperations(StoreBackedCache<K, V> cache, EntryEngine<K, V> engine, ByteStore store, KeyCodec keys,
      ValueCodec values, ExpiryCalculator expiry, LongSupplier clock,
      EventDispatcher<K, V> events, CacheStatistics statistics, WriterSupport<K, V> writer,
      LoaderSupport<K, V> loader, LoaderSupport<K, V> readThrough, BackgroundLoader backgroundLoader) {
    this.cache = cache;
    this.engine = engine;
    this.store = store;
    this.keys = keys;
    this.events = events;
    this.statistics = statistics;
    this.writer = writer;
    this.loader = loader;
    this.readThrough = readThrough;
    this.backgroundLoader = backgroundLoader;
    this.values = values;
    this.expiry = expiry;
    this.clock = clock;
  }

  Map<K, V> getAll(List<K> requested) {
    long start = statistics.start();
    EventBatch<K, V> batch = events.batch();
    List<byte[]> storeKeys = requested.stream().map(keys::encode).toList();
    List<StoredEntry> found = store.getAll(storeKeys);
    Map<K, V> result = new HashMap<>();
    List<K> missing = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      EntryState<K, V> state = engine.state(requested.get(i), storeKeys.get(i), found.get(i), null);
      if (state.wasLive()) {
        result.put(state.getKey(), state.current());
        state.access();
      } else {
        missing.add(state.getKey());
      }
      engine.commit(state, batch, false);
    }
    if (readThrough != null && !missing.isEmpty()) {
      readThrough.loadAll(missing).forEach((key, value) -> {
        Applied<K, V, V> applied = engine.apply(key, batch, false, null, state -> {
          if (state.wasLive()) {
            return state.current();
          }
          state.load(value);
          return value;
        });
        if (!applied.state().isDiscarded()) {
          result.put(key, applied.result());
        }
      });
    }
    batch.dispatch();
    statistics.recordGet(requested.size() - missing.size(), missing.size(), start);
    return result;
  }

  void loadAll(List<K> requested, boolean replaceExistingValues, CompletionListener listener) {
    if (!loader.isPresent()) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    backgroundLoader.submit(() -> {
      List<K> toLoad = replaceExistingValues ? requested
          : requested.stream().filter(key -> !engine.read(key, null).wasLive()).toList();
      EventBatch<K, V> batch = events.batch();
      loader.loadAll(toLoad).forEach((key, value) -> engine.apply(key, batch, false, null, state -> {
        if (!state.wasLive()) {
          state.load(value);
        } else if (replaceExistingValues) {
          state.setValue(value);
        }
        return null;
      }));
      batch.dispatch();
    }, listener);
  }

  void putAll(Map<? extends K, ? extends V> map) {
    long start = statistics.start();
    List<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>();
    map.forEach((key, value) -> unwritten.add(new SimpleEntry<>(key, value)));
    RuntimeException writeFailure = null;
    try {
      writer.writeAll(unwritten);
      unwritten.clear();
    } catch (RuntimeException e) {
      // The writer leaves the entries it could not write in the collection: only those are skipped.
      writeFailure = e;
    }
    Set<Object> failedKeys = new HashSet<>();
    unwritten.forEach(entry -> failedKeys.add(entry.getKey()));
    EventBatch<K, V> batch = events.batch();
    int stored = batch.isRecording() ? -1 : putAllInOneRoundTrip(map, failedKeys);
    if (stored < 0) {
      stored = putOneByOne(map, failedKeys, batch);
    }
    batch.dispatch();
    statistics.recordPuts(stored, start);
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /**
   * Stores the entries with one bulk write (a Redis pipeline, one SQLite transaction); only for the
   * standard expiry policies and when nobody listens, as for a single put. Returns -1 when it cannot.
   */
  private int putAllInOneRoundTrip(Map<? extends K, ? extends V> map, Set<Object> failedKeys) {
    Optional<ExpiryCalculator.PutExpiry> expiresAt = expiry.forBlindPut(clock.getAsLong());
    if (expiresAt.isEmpty()) {
      return -1;
    }
    List<byte[]> storeKeys = new ArrayList<>(map.size());
    List<byte[]> storeValues = new ArrayList<>(map.size());
    map.forEach((key, value) -> {
      if (!failedKeys.contains(key)) {
        byte[] storeKey = keys.encode(key);
        storeKeys.add(storeKey);
        storeValues.add(values.encode(storeKey, value));
      }
    });
    store.putAll(storeKeys, storeValues, expiresAt.get().ifCreated(), expiresAt.get().ifUpdated());
    return storeKeys.size();
  }

  private int putOneByOne(Map<? extends K, ? extends V> map, Set<Object> failedKeys, EventBatch<K, V> batch) {
    int stored = 0;
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      if (!failedKeys.contains(entry.getKey())) {
        V value = entry.getValue();
        EntryState<K, V> state = engine.apply(entry.getKey(), batch, false, null, current -> {
          current.setValue(value);
          return null;
        }).state();
        stored += state.isDiscarded() ? 0 : 1;
      }
    }
    return stored;
  }

  void removeAll(List<K> toRemove) {
    long start = statistics.start();
    Set<K> undeleted = new LinkedHashSet<>(toRemove);
    RuntimeException writeFailure = null;
    try {
      writer.deleteAll(undeleted);
      undeleted.clear();
    } catch (RuntimeException e) {
      // The writer leaves the keys it could not delete in the collection: only those stay cached.
      writeFailure = e;
    }
    EventBatch<K, V> batch = events.batch();
    long removed = 0;
    if (!batch.isRecording()) {
      // Nobody needs the old values: one bulk delete (a Redis pipeline, one SQLite transaction).
      List<byte[]> storeKeys = new ArrayList<>(toRemove.size());
      toRemove.stream().filter(key -> !undeleted.contains(key)).forEach(key -> storeKeys.add(keys.encode(key)));
      removed = store.removeAll(storeKeys);
    } else {
      for (K key : toRemove) {
        if (!undeleted.contains(key)) {
          boolean wasLive = engine.apply(key, batch, false, null, state -> {
            boolean live = state.wasLive();
            state.remove();
            return live;
          }).result();
          removed += wasLive ? 1 : 0;
        }
      }
    }
    batch.dispatch();
    statistics.recordRemovals(removed, start);
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /**
   * Removes every entry. With no writer and no listener nothing needs the keys or values, so rows
   * are deleted page by page as scanned, without decoding: an unreadable entry goes too.
   */
  void removeEverything() {
    if (writer.isActive() || events.batch().isRecording()) {
      removeAll(liveKeys());
      return;
    }
    long start = statistics.start();
    long removed = 0;
    byte[] cursor = null;
    do {
      ScanPage page = store.scan(keys.prefix(), cursor, CacheIterator.PAGE_SIZE);
      List<byte[]> storeKeys = new ArrayList<>(page.entries().size());
      page.entries().forEach(row -> storeKeys.add(row.key()));
      removed += storeKeys.isEmpty() ? 0 : store.removeAll(storeKeys);
      cursor = page.cursor();
    } while (cursor != null);
    statistics.recordRemovals(removed, start);
  }

  /** The keys of every live entry, read page by page. */
  List<K> liveKeys() {
    List<K> live = new ArrayList<>();
    byte[] cursor = null;
    do {
      ScanPage page = store.scan(keys.prefix(), cursor, CacheIterator.PAGE_SIZE);
      for (KeyedEntry row : page.entries()) {
        EntryState<K, V> state = cache.stateOf(row.key(), row.entry());
        if (state != null && state.wasLive()) {
          live.add(state.getKey());
        }
      }
      cursor = page.cursor();
    } while (cursor != null);
    return live;
  }
}
