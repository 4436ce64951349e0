package dev.tiffin.provider;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.EntryEngine.Applied;
import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.provider.event.EventBatch;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} over a store: the specification's rules (argument checks, what each
 * operation decides on an entry, what it counts in the statistics) and nothing else. Reading and
 * committing entries is the {@link EntryEngine}'s job, shortcuts are the {@link AccessPath}'s,
 * multi-key operations {@link BulkOperations}'; {@link CacheAssembler} puts them together.
 */
public final class StoreBackedCache<K, V> implements Cache<K, V> {

  private final CacheContext<K, V> context;
  private final CacheLayers<K, V> layers;
  private volatile boolean closed;

  StoreBackedCache(CacheContext<K, V> context, Function<StoreBackedCache<K, V>, CacheLayers<K, V>> assembler) {
    this.context = context;
    this.layers = assembler.apply(this);
  }

  /** The parts a cache delegates to, built by the assembler around the cache itself. */
  record CacheLayers<K, V>(EntryEngine<K, V> engine, AccessPath<K, V> access, BulkOperations<K, V> bulk,
      TiffinCache<K, V> view) {
  }

  @Override
  public V get(K key) {
    requireOpenAndKey(key);
    long start = context.statistics().start();
    AccessPath.ReadOutcome<V> direct = layers.access().read(key);
    if (direct != null) {
      context.statistics().recordGet(direct.hit() ? 1 : 0, direct.hit() ? 0 : 1, start);
      return direct.value();
    }
    Applied<K, V, V> applied = apply(key, false, EntryState::getValue);
    context.statistics().record(applied.state(), true, start);
    return applied.state().isDiscarded() ? null : applied.result();
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keySet) {
    requireOpen();
    return layers.bulk().getAll(CacheArguments.requireKeys(keySet));
  }

  @Override
  public boolean containsKey(K key) {
    requireOpenAndKey(key);
    return layers.engine().read(key).wasLive();
  }

  @Override
  public void loadAll(Set<? extends K> keySet, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    layers.bulk().loadAll(CacheArguments.requireKeys(keySet), replaceExistingValues, listener);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    long start = context.statistics().start();
    if (layers.access().put(key, value)) {
      context.statistics().recordPuts(1, start);
      return;
    }
    mutate(key, false, state -> {
      state.setValue(value);
      return null;
    });
  }

  @Override
  public V getAndPut(K key, V value) {
    requireWritable(key, value);
    return mutate(key, true, state -> {
      V old = state.wasLive() ? state.current() : null;
      state.setValue(value);
      return old;
    }).result();
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    map.forEach(this::requireWritable);
    layers.bulk().putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireWritable(key, value);
    Applied<K, V, Boolean> applied = mutate(key, true, state -> {
      if (state.wasLive()) {
        return false;
      }
      state.setValue(value);
      return true;
    });
    // A value created already expired was never stored: nothing was put.
    return applied.result() && !applied.state().isDiscarded();
  }

  @Override
  public boolean remove(K key) {
    requireOpenAndKey(key);
    return mutate(key, false, state -> {
      boolean live = state.wasLive();
      state.remove();
      return live;
    }).result();
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpenAndKey(key);
    Objects.requireNonNull(oldValue, "oldValue");
    return ifCurrentEquals(key, oldValue, EntryState::remove);
  }

  @Override
  public V getAndRemove(K key) {
    requireOpenAndKey(key);
    return mutate(key, true, state -> {
      V old = state.wasLive() ? state.current() : null;
      state.remove();
      return old;
    }).result();
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireWritable(key, newValue);
    Objects.requireNonNull(oldValue, "oldValue");
    return ifCurrentEquals(key, oldValue, state -> state.setValue(newValue));
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireWritable(key, value);
    return mutate(key, true, state -> {
      if (!state.wasLive()) {
        return null;
      }
      V old = state.current();
      state.setValue(value);
      return old;
    }).result();
  }

  @Override
  public void removeAll(Set<? extends K> keySet) {
    requireOpen();
    layers.bulk().removeAll(CacheArguments.requireKeys(keySet));
  }

  @Override
  public void removeAll() {
    requireOpen();
    layers.bulk().removeEverything();
  }

  @Override
  public void clear() {
    requireOpen();
    context.space().store().clear(context.space().keys().prefix());
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpenAndKey(key);
    Objects.requireNonNull(processor, "entryProcessor");
    try {
      return mutate(key, true, state -> processor.process(state, arguments)).result();
    } catch (CacheException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(e);
    }
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keySet,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    List<K> requested = CacheArguments.requireKeys(keySet);
    Objects.requireNonNull(processor, "entryProcessor");
    return layers.bulk().invokeAll(requested, key -> invoke(key, processor, arguments));
  }

  @Override
  public Iterator<Entry<K, V>> iterator() {
    requireOpen();
    return CacheIterator.entries(context, layers.engine(), this::remove);
  }

  /**
   * Runs one single-key operation through the engine (writing through when the cache has a writer),
   * delivers its events and records its statistics; {@code reads} says whether it counts as a read.
   */
  private <R> Applied<K, V, R> mutate(K key, boolean reads, Function<EntryState<K, V>, R> decide) {
    long start = context.statistics().start();
    Applied<K, V, R> applied = apply(key, context.writer().isActive(), decide);
    context.statistics().record(applied.state(), reads, start);
    return applied;
  }

  private <R> Applied<K, V, R> apply(K key, boolean writeThrough, Function<EntryState<K, V>, R> decide) {
    EventBatch<K, V> batch = context.events().batch();
    Applied<K, V, R> applied = layers.engine().apply(key, batch, writeThrough, context.readThrough(), decide);
    batch.dispatch();
    return applied;
  }

  /** Applies {@code change} when the live value equals {@code expected}; otherwise the read counts as an access. */
  private boolean ifCurrentEquals(K key, V expected, Consumer<EntryState<K, V>> change) {
    return mutate(key, true, state -> {
      if (!state.wasLive()) {
        return false;
      }
      if (Objects.deepEquals(state.current(), expected)) {
        change.accept(state);
        return true;
      }
      state.access();
      return false;
    }).result();
  }

  @Override
  public String getName() {
    return context.name();
  }

  @Override
  public CacheManager getCacheManager() {
    return context.manager();
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    return CacheArguments.copyAs(clazz, context.configuration());
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    context.configuration().addCacheEntryListenerConfiguration(listenerConfiguration);
    context.events().register(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    context.configuration().removeCacheEntryListenerConfiguration(listenerConfiguration);
    context.events().deregister(listenerConfiguration);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    context.manager().release(this);
    context.close();
  }

  /** Closes this cache and removes its entries from the store. */
  void destroy() {
    close();
    context.space().store().clear(context.space().keys().prefix());
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isAssignableFrom(getClass())) {
      return clazz.cast(this);
    }
    if (clazz.isInstance(layers.view())) {
      return clazz.cast(layers.view());
    }
    throw new IllegalArgumentException("A Tiffin cache cannot be unwrapped to " + clazz.getName()
        + "; try " + TiffinCache.class.getName());
  }

  /** This cache's statistics, live. */
  public dev.tiffin.provider.management.CacheStatistics statistics() {
    return context.statistics();
  }

  /** What this cache is made of, for its manager. */
  CacheContext<K, V> context() {
    return context;
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache " + context.name() + " is closed");
    }
  }

  void requireOpenAndKey(K key) {
    requireOpen();
    Objects.requireNonNull(key, "key");
  }

  void requireWritable(K key, V value) {
    requireOpenAndKey(key);
    Objects.requireNonNull(value, "value");
    CacheArguments.requireTypes(key, value, context.configuration());
  }

  @Override
  public String toString() {
    return "StoreBackedCache[" + context.name() + " in " + context.space().store().describe() + "]";
  }
}
