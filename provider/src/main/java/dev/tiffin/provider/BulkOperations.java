package dev.tiffin.provider;

import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.EntryEngine.Applied;
import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.provider.entry.SimpleEntry;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import java.util.function.Function;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessorResult;

/**
 * The multi-key operations of a cache: one bulk read where the store offers it, the writer called
 * once for the batch (holding every key's write lock), and the specification's partial-failure rules.
 *
 * <p>Arguments arrive already checked by {@link StoreBackedCache}.
 */
final class BulkOperations<K, V> {

  private final CacheContext<K, V> context;
  private final CacheSpace space;
  private final EntryEngine<K, V> engine;
  private final AccessPath<K, V> access;
  private final KeyLocks writeLocks;
  private final BackgroundLoader backgroundLoader;

  BulkOperations(CacheContext<K, V> context, EntryEngine<K, V> engine, AccessPath<K, V> access, KeyLocks writeLocks,
      BackgroundLoader backgroundLoader) {
    this.context = context;
    this.space = context.space();
    this.engine = engine;
    this.access = access;
    this.writeLocks = writeLocks;
    this.backgroundLoader = backgroundLoader;
  }

  Map<K, V> getAll(List<K> requested) {
    long start = context.statistics().start();
    EventBatch<K, V> batch = context.events().batch();
    List<byte[]> storeKeys = requested.stream().map(space.keys()::encode).toList();
    List<StoredEntry> found = space.store().getAll(storeKeys);
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
      engine.commit(state, batch);
    }
    if (context.readThrough() != null && !missing.isEmpty()) {
      context.readThrough().loadAll(missing).forEach((key, value) -> {
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
    context.statistics().recordGet(requested.size() - missing.size(), missing.size(), start);
    return result;
  }

  void loadAll(List<K> requested, boolean replaceExistingValues, CompletionListener listener) {
    if (!context.loader().isPresent()) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    backgroundLoader.submit(() -> {
      List<K> toLoad = replaceExistingValues ? requested
          : requested.stream().filter(key -> !engine.read(key).wasLive()).toList();
      EventBatch<K, V> batch = context.events().batch();
      context.loader().loadAll(toLoad).forEach((key, value) -> engine.apply(key, batch, false, null, state -> {
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
    long start = context.statistics().start();
    List<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>();
    map.forEach((key, value) -> unwritten.add(new SimpleEntry<>(key, value)));
    RuntimeException writeFailure = null;
    EventBatch<K, V> batch = context.events().batch();
    int stored;
    try (KeyLocks.Held held = writeLocks.lockAll(map.keySet(), space.keys()::encode)) {
      try {
        context.writer().writeAll(unwritten);
        unwritten.clear();
      } catch (RuntimeException e) {
        // The writer leaves the entries it could not write in the collection: only those are skipped.
        writeFailure = e;
      }
      Set<Object> failedKeys = new HashSet<>();
      unwritten.forEach(entry -> failedKeys.add(entry.getKey()));
      stored = access.putAll(map, failedKeys);
      if (stored < 0) {
        stored = putOneByOne(map, failedKeys, batch);
      }
    }
    batch.dispatch();
    context.statistics().recordPuts(stored, start);
    if (writeFailure != null) {
      throw writeFailure;
    }
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
    long start = context.statistics().start();
    Set<K> undeleted = new LinkedHashSet<>(toRemove);
    RuntimeException writeFailure = null;
    EventBatch<K, V> batch = context.events().batch();
    long removed = 0;
    try (KeyLocks.Held held = writeLocks.lockAll(toRemove, space.keys()::encode)) {
      try {
        context.writer().deleteAll(undeleted);
        undeleted.clear();
      } catch (RuntimeException e) {
        // The writer leaves the keys it could not delete in the collection: only those stay cached.
        writeFailure = e;
      }
      List<K> deletable = toRemove.stream().filter(key -> !undeleted.contains(key)).toList();
      removed = batch.isRecording() ? removeOneByOne(deletable, batch)
          : space.store().removeAll(deletable.stream().map(space.keys()::encode).toList());
    }
    batch.dispatch();
    context.statistics().recordRemovals(removed, start);
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /** Removes keys one at a time, so each removal's event carries the value that went. */
  private long removeOneByOne(List<K> keys, EventBatch<K, V> batch) {
    long removed = 0;
    for (K key : keys) {
      boolean wasLive = engine.apply(key, batch, false, null, state -> {
        boolean live = state.wasLive();
        state.remove();
        return live;
      }).result();
      removed += wasLive ? 1 : 0;
    }
    return removed;
  }

  /** Runs {@code invoke} on each key, collecting each result or failure as {@code invokeAll} returns them. */
  <T> Map<K, EntryProcessorResult<T>> invokeAll(List<K> requested, Function<K, T> invoke) {
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : requested) {
      try {
        T result = invoke.apply(key);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (RuntimeException e) {
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  /**
   * Removes every entry. With no writer and no listener nothing needs the keys or values, so rows
   * are deleted page by page as scanned, without decoding: an unreadable entry goes too.
   */
  void removeEverything() {
    if (context.writer().isActive() || context.events().hasListeners()) {
      removeAll(liveKeys());
      return;
    }
    long start = context.statistics().start();
    long removed = 0;
    byte[] cursor = null;
    do {
      ScanPage page = space.store().scan(space.keys().prefix(), cursor, CacheIterator.PAGE_SIZE);
      List<byte[]> storeKeys = new ArrayList<>(page.entries().size());
      page.entries().forEach(row -> storeKeys.add(row.key()));
      removed += storeKeys.isEmpty() ? 0 : space.store().removeAll(storeKeys);
      cursor = page.cursor();
    } while (cursor != null);
    context.statistics().recordRemovals(removed, start);
  }

  /** The keys of every live entry, read page by page. */
  private List<K> liveKeys() {
    List<K> live = new ArrayList<>();
    byte[] cursor = null;
    do {
      ScanPage page = space.store().scan(space.keys().prefix(), cursor, CacheIterator.PAGE_SIZE);
      for (KeyedEntry row : page.entries()) {
        EntryState<K, V> state = engine.scanned(row.key(), row.entry());
        if (state != null && state.wasLive()) {
          live.add(state.getKey());
        }
      }
      cursor = page.cursor();
    } while (cursor != null);
    return live;
  }
}
