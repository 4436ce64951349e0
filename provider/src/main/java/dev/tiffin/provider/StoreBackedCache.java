package dev.tiffin.provider;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.EntryEngine.Applied;
import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.provider.entry.SimpleEntry;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.management.CacheMBeans;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import javax.cache.configuration.MutableConfiguration;
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
    Applied<K, V, V> applied = apply(key, false, context.readThrough(), EntryState::getValue);
    context.statistics().record(applied.state(), true, start);
    return applied.state().isDiscarded() ? null : applied.result();
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keySet) {
    requireOpen();
    return layers.bulk().getAll(requireKeys(keySet));
  }

  @Override
  public boolean containsKey(K key) {
    requireOpenAndKey(key);
    return layers.engine().read(key).wasLive();
  }

  @Override
  public void loadAll(Set<? extends K> keySet, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    layers.bulk().loadAll(requireKeys(keySet), replaceExistingValues, listener);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    long start = context.statistics().start();
    if (layers.access().put(key, value)) {
      context.statistics().recordPuts(1, start);
      return;
    }
    mutate(key, start, false, state -> {
      state.setValue(value);
      return null;
    });
  }

  @Override
  public V getAndPut(K key, V value) {
    requireWritable(key, value);
    return mutate(key, context.statistics().start(), true, state -> {
      V old = state.wasLive() ? state.current() : null;
      state.setValue(value);
      return old;
    });
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
    Applied<K, V, Boolean> applied = applied(key, context.statistics().start(), true, state -> {
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
    return mutate(key, context.statistics().start(), false, state -> {
      boolean live = state.wasLive();
      state.remove();
      return live;
    });
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
    return mutate(key, context.statistics().start(), true, state -> {
      V old = state.wasLive() ? state.current() : null;
      state.remove();
      return old;
    });
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
    return mutate(key, context.statistics().start(), true, state -> {
      if (!state.wasLive()) {
        return null;
      }
      V old = state.current();
      state.setValue(value);
      return old;
    });
  }

  @Override
  public void removeAll(Set<? extends K> keySet) {
    requireOpen();
    layers.bulk().removeAll(requireKeys(keySet));
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
      return mutate(key, context.statistics().start(), true, state -> processor.process(state, arguments));
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
    List<K> requested = requireKeys(keySet);
    Objects.requireNonNull(processor, "entryProcessor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : requested) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (RuntimeException e) {
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  @Override
  public Iterator<Entry<K, V>> iterator() {
    requireOpen();
    return new CacheIterator<>(context.space(), this::remove, this::liveEntry);
  }

  /** The live entry behind a scanned row, touched for access, or {@code null}. */
  private Entry<K, V> liveEntry(byte[] storeKey, dev.tiffin.spi.StoredEntry stored) {
    long start = context.statistics().start();
    EntryState<K, V> state = layers.engine().scanned(storeKey, stored);
    if (state == null || !state.wasLive()) {
      return null;
    }
    state.access();
    layers.engine().commit(state, EventBatch.none());
    context.statistics().recordGet(1, 0, start);
    return new SimpleEntry<>(state.getKey(), state.current());
  }

  /**
   * Runs one single-key operation through the engine (writing through when the cache has a writer),
   * delivers its events and records its statistics; {@code reads} says whether it counts as a read.
   */
  private <R> R mutate(K key, long start, boolean reads, Function<EntryState<K, V>, R> decide) {
    return applied(key, start, reads, decide).result();
  }

  private <R> Applied<K, V, R> applied(K key, long start, boolean reads, Function<EntryState<K, V>, R> decide) {
    Applied<K, V, R> applied = apply(key, context.writer().isActive(), null, decide);
    context.statistics().record(applied.state(), reads, start);
    return applied;
  }

  private <R> Applied<K, V, R> apply(K key, boolean writeThrough,
      dev.tiffin.provider.integration.LoaderSupport<K, V> readThrough, Function<EntryState<K, V>, R> decide) {
    EventBatch<K, V> batch = context.events().batch();
    Applied<K, V, R> applied = layers.engine().apply(key, batch, writeThrough, readThrough, decide);
    batch.dispatch();
    return applied;
  }

  /** Applies {@code change} when the live value equals {@code expected}; otherwise the read counts as an access. */
  private boolean ifCurrentEquals(K key, V expected, Consumer<EntryState<K, V>> change) {
    return mutate(key, context.statistics().start(), true, state -> {
      if (!state.wasLive()) {
        return false;
      }
      if (Objects.deepEquals(state.current(), expected)) {
        change.accept(state);
        return true;
      }
      state.access();
      return false;
    });
  }

  // ---- configuration and lifecycle

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
    MutableConfiguration<K, V> copy = new MutableConfiguration<>(context.configuration());
    if (clazz.isInstance(copy)) {
      return clazz.cast(copy);
    }
    throw new IllegalArgumentException("Configuration class " + clazz.getName()
        + " is not supported; ask for " + MutableConfiguration.class.getName() + " or one of its interfaces");
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    context.configuration().addCacheEntryListenerConfiguration(listenerConfiguration);
    context.events().register(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
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

  /** The switches of this cache's MXBeans. */
  CacheMBeans mbeans() {
    return context.mbeans();
  }

  /** The expiry policy this cache asks, created once from its configuration. */
  javax.cache.expiry.ExpiryPolicy expiryPolicy() {
    return context.expiry().policy();
  }

  // ---- argument checks

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
    requireType("Key", key, context.configuration().getKeyType());
    requireType("Value", value, context.configuration().getValueType());
  }

  private static void requireType(String what, Object object, Class<?> type) {
    if (type != Object.class && !type.isInstance(object)) {
      throw new ClassCastException(what + " of " + object.getClass().getName() + " is not a " + type.getName()
          + " as the cache's configuration requires");
    }
  }

  private List<K> requireKeys(Collection<? extends K> keySet) {
    Objects.requireNonNull(keySet, "keys");
    List<K> list = new ArrayList<>(keySet.size());
    for (K key : keySet) {
      list.add(Objects.requireNonNull(key, "keys must not contain null"));
    }
    return list;
  }

  @Override
  public String toString() {
    return "StoreBackedCache[" + context.name() + " in " + context.space().store().describe() + "]";
  }
}
