package dev.tiffin.provider;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.EntryEngine.Applied;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.event.EventDispatcher;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.management.CacheConfigurationBean;
import dev.tiffin.provider.management.CacheStatistics;
import dev.tiffin.provider.management.MBeanRegistrar;
import dev.tiffin.provider.processor.EntryOperation;
import dev.tiffin.provider.processor.EntryState;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.spi.CorruptValueException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
 * A JCache {@link Cache} over a {@link ByteStore}: this class holds the specification's rules
 * (null checks, expiry, events, loader and writer, statistics), the store holds the data.
 */
public final class StoreBackedCache<K, V> implements Cache<K, V> {

  private final TiffinCacheManager manager;
  private final String name;
  private final MutableConfiguration<K, V> configuration;
  private final ByteStore store;
  private final KeyCodec keys;
  private final EnvelopeCodec values;
  private final ExpiryCalculator expiry;
  private final LoaderSupport<K, V> loader;
  private final LoaderSupport<K, V> readThrough;
  private final WriterSupport<K, V> writer;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics = new CacheStatistics();
  private final CacheConfigurationBean configurationBean;
  private final EntryEngine<K, V> engine;
  private final LongSupplier clock;
  private final BackgroundLoader backgroundLoader;
  private final BulkOperations<K, V> bulk;
  private final TiffinExtension<K, V> extension;
  private volatile boolean closed;

  StoreBackedCache(TiffinCacheManager manager, String name, MutableConfiguration<K, V> configuration,
      ByteStore store, KeyCodec keys, EnvelopeCodec values, UnreadableValues unreadable, LongSupplier clock) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.store = store;
    this.keys = keys;
    this.values = values;
    this.clock = clock;
    this.expiry = new ExpiryCalculator(configuration.getExpiryPolicyFactory().create());
    this.loader = new LoaderSupport<>(configuration.getCacheLoaderFactory() == null
        ? null : configuration.getCacheLoaderFactory().create());
    this.readThrough = configuration.isReadThrough() && loader.isPresent() ? loader : null;
    this.writer = new WriterSupport<>(configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? configuration.getCacheWriterFactory().create() : null);
    this.events = new EventDispatcher<>(name);
    configuration.getCacheEntryListenerConfigurations().forEach(events::register);
    this.engine = new EntryEngine<>(this, store, keys, values, expiry, writer, clock);
    this.configurationBean = new CacheConfigurationBean(() -> configuration);
    this.backgroundLoader = new BackgroundLoader(name);
    this.bulk = new BulkOperations<>(this, engine, store, keys, values, expiry, clock, events, statistics, writer,
        loader, readThrough, backgroundLoader);
    this.extension = new TiffinExtension<>(this, engine, events, store, keys, values, unreadable, clock);
    setStatisticsEnabled(configuration.isStatisticsEnabled());
    setManagementEnabled(configuration.isManagementEnabled());
  }

  @Override
  public V get(K key) {
    requireOpenAndKey(key);
    long start = statistics.start();
    if (expiry.isSideEffectFree()) {
      ReadOutcome<V> direct = readDirectly(key);
      if (direct != null) {
        statistics.recordGet(direct.hit() ? 1 : 0, direct.hit() ? 0 : 1, start);
        return direct.value();
      }
    }
    EventBatch<K, V> batch = events.batch();
    Applied<K, V, V> applied = engine.apply(key, batch, false, readThrough, EntryState::getValue);
    batch.dispatch();
    EntryState<K, V> state = applied.state();
    statistics.recordGet(state.wasLive() ? 1 : 0, state.wasLive() ? 0 : 1, start);
    return state.isDiscarded() ? null : applied.result();
  }

  /**
   * One read that settles the common cases without the general path: a hit (setting the access
   * expiry in the same round trip, Redis {@code GETEX}) and a plain miss with no loader and no
   * listener. Only for the standard policies, whose access expiry may be asked before the entry
   * is known to exist. Returns {@code null} when the general path must decide (loader, events, an
   * expired row to report).
   */
  private ReadOutcome<V> readDirectly(K key) {
    long now = clock.getAsLong();
    long expiresAt = expiry.forAccess(now);
    byte[] storeKey = keys.encode(key);
    StoredEntry stored = expiresAt == ExpiryCalculator.UNCHANGED ? store.get(storeKey)
        : store.getAndTouch(storeKey, expiresAt, now);
    boolean plainMiss = readThrough == null && !events.hasListeners();
    if (stored == null) {
      return plainMiss ? new ReadOutcome<>(false, null) : null;
    }
    if (stored.isExpiredAt(now)) {
      return null;
    }
    // An unreadable value is a miss; decoding it once is enough (it has been counted and logged).
    V value = engine.decodeOrAbsent(storeKey, stored.value());
    return value != null ? new ReadOutcome<>(true, value) : plainMiss ? new ReadOutcome<>(false, null) : null;
  }

  /** What a direct read found. */
  private record ReadOutcome<V>(boolean hit, V value) {
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keySet) {
    requireOpen();
    return bulk.getAll(requireKeys(keySet));
  }

  @Override
  public boolean containsKey(K key) {
    requireOpenAndKey(key);
    return engine.read(key, null).wasLive();
  }

  @Override
  public void loadAll(Set<? extends K> keySet, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    bulk.loadAll(requireKeys(keySet), replaceExistingValues, listener);
  }

  @Override
  public void put(K key, V value) {
    requireWritable(key, value);
    long start = statistics.start();
    EventBatch<K, V> batch = events.batch();
    if (!batch.isRecording() && putInOneRoundTrip(key, value)) {
      statistics.recordPuts(1, start);
      return;
    }
    EntryState<K, V> state = mutate(key, batch, entry -> {
      entry.setValue(value);
      return null;
    }).state();
    statistics.recordPuts(state.isDiscarded() ? 0 : 1, start);
  }

  /**
   * Writes with a single upsert that picks the creation or update expiry in the store; only for
   * the standard expiry policies (whose answers are fixed) and when nobody listens for events.
   */
  private boolean putInOneRoundTrip(K key, V value) {
    Optional<ExpiryCalculator.PutExpiry> expiresAt = expiry.forBlindPut(clock.getAsLong());
    if (expiresAt.isEmpty()) {
      return false;
    }
    writer.write(new SimpleEntry<>(key, value));
    byte[] storeKey = keys.encode(key);
    store.put(storeKey, values.encode(storeKey, value), expiresAt.get().ifCreated(), expiresAt.get().ifUpdated());
    return true;
  }

  @Override
  public V getAndPut(K key, V value) {
    requireWritable(key, value);
    long start = statistics.start();
    Applied<K, V, V> applied = mutate(key, events.batch(), state -> {
      V old = state.wasLive() ? state.current() : null;
      state.setValue(value);
      return old;
    });
    recordRead(applied.state(), start);
    statistics.recordPuts(applied.state().isDiscarded() ? 0 : 1, start);
    return applied.result();
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    map.forEach(this::requireWritable);
    bulk.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireWritable(key, value);
    long start = statistics.start();
    Applied<K, V, Boolean> applied = mutate(key, events.batch(), state -> {
      if (state.wasLive()) {
        return false;
      }
      state.setValue(value);
      return true;
    });
    boolean put = applied.result() && !applied.state().isDiscarded();
    if (put) {
      statistics.recordPuts(1, start);
      statistics.recordGet(0, 1, start);
    } else {
      statistics.recordGet(1, 0, start);
    }
    return put;
  }

  @Override
  public boolean remove(K key) {
    requireOpenAndKey(key);
    long start = statistics.start();
    Applied<K, V, Boolean> applied = mutate(key, events.batch(), state -> {
      boolean live = state.wasLive();
      state.remove();
      return live;
    });
    statistics.recordRemovals(applied.result() ? 1 : 0, start);
    return applied.result();
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpenAndKey(key);
    Objects.requireNonNull(oldValue, "oldValue");
    long start = statistics.start();
    Applied<K, V, Boolean> applied = ifCurrentEquals(key, oldValue, EntryState::remove);
    recordRead(applied.state(), start);
    statistics.recordRemovals(applied.result() ? 1 : 0, start);
    return applied.result();
  }

  @Override
  public V getAndRemove(K key) {
    requireOpenAndKey(key);
    long start = statistics.start();
    Applied<K, V, V> applied = mutate(key, events.batch(), state -> {
      V old = state.wasLive() ? state.current() : null;
      state.remove();
      return old;
    });
    recordRead(applied.state(), start);
    statistics.recordRemovals(applied.result() != null ? 1 : 0, start);
    return applied.result();
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireWritable(key, newValue);
    Objects.requireNonNull(oldValue, "oldValue");
    long start = statistics.start();
    Applied<K, V, Boolean> applied = ifCurrentEquals(key, oldValue, state -> state.setValue(newValue));
    recordRead(applied.state(), start);
    statistics.recordPuts(applied.result() ? 1 : 0, start);
    return applied.result();
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireWritable(key, value);
    long start = statistics.start();
    Applied<K, V, V> applied = mutate(key, events.batch(), state -> {
      if (!state.wasLive()) {
        return null;
      }
      V old = state.current();
      state.setValue(value);
      return old;
    });
    recordRead(applied.state(), start);
    statistics.recordPuts(applied.result() != null ? 1 : 0, start);
    return applied.result();
  }

  @Override
  public void removeAll(Set<? extends K> keySet) {
    requireOpen();
    bulk.removeAll(requireKeys(keySet));
  }

  @Override
  public void removeAll() {
    requireOpen();
    bulk.removeEverything();
  }

  @Override
  public void clear() {
    requireOpen();
    store.clear(keys.prefix());
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpenAndKey(key);
    Objects.requireNonNull(processor, "entryProcessor");
    long start = statistics.start();
    Applied<K, V, T> applied;
    try {
      applied = mutate(key, events.batch(), state -> processor.process(state, arguments));
    } catch (CacheException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(e);
    }
    EntryState<K, V> state = applied.state();
    recordRead(state, start);
    EntryOperation operation = state.operation();
    boolean put = (operation == EntryOperation.CREATE && !state.isDiscarded()) || operation == EntryOperation.UPDATE;
    statistics.recordPuts(put ? 1 : 0, start);
    statistics.recordRemovals(operation == EntryOperation.REMOVE ? 1 : 0, start);
    return applied.result();
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
    return new CacheIterator<>(this, store, keys.prefix(), this::liveEntry);
  }

  /** The live entry behind a scanned row, touched for access, or {@code null}. */
  Entry<K, V> liveEntry(byte[] storeKey, StoredEntry stored) {
    long start = statistics.start();
    EntryState<K, V> state = stateOf(storeKey, stored);
    if (state == null || !state.wasLive()) {
      return null;
    }
    state.access();
    engine.commit(state, EventBatch.none(), false);
    statistics.recordGet(1, 0, start);
    return new SimpleEntry<>(state.getKey(), state.current());
  }

  /** Removes an entry returned by the iterator, as {@link #remove(Object)} would. */
  void removeIterated(K key) {
    remove(key);
  }

  /** The state of a scanned row, or {@code null} when its key cannot be read or trusted. */
  @SuppressWarnings("unchecked")
  EntryState<K, V> stateOf(byte[] storeKey, StoredEntry stored) {
    try {
      return engine.state((K) values.decodeKey(storeKey, stored.value()), storeKey, stored, null);
    } catch (CorruptValueException e) {
      return null;
    }
  }

  private <R> Applied<K, V, R> mutate(K key, EventBatch<K, V> batch, Function<EntryState<K, V>, R> decide) {
    Applied<K, V, R> applied = engine.apply(key, batch, writer.isActive(), readThrough, decide);
    batch.dispatch();
    return applied;
  }

  /** Applies {@code change} when the live value equals {@code expected}; otherwise the read counts as an access. */
  private Applied<K, V, Boolean> ifCurrentEquals(K key, V expected, Consumer<EntryState<K, V>> change) {
    return mutate(key, events.batch(), state -> {
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

  private void recordRead(EntryState<K, V> state, long start) {
    statistics.recordGet(state.wasLive() ? 1 : 0, state.wasLive() ? 0 : 1, start);
  }

  // ---- configuration, lifecycle, management

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    MutableConfiguration<K, V> copy = new MutableConfiguration<>(configuration);
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
    configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    events.register(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    events.deregister(listenerConfiguration);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    manager.release(this);
    MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheConfiguration, managerUri(), name);
    MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheStatistics, managerUri(), name);
    backgroundLoader.close();
    events.close();
    Closeables.closeQuietly(loader.loader());
    Closeables.closeQuietly(writer.writer());
    Closeables.closeQuietly(expiry.policy());
  }

  /** Closes this cache and removes its entries from the store. */
  void destroy() {
    close();
    store.clear(keys.prefix());
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
    if (clazz.isAssignableFrom(TiffinExtension.class)) {
      return clazz.cast(extension);
    }
    throw new IllegalArgumentException("A Tiffin cache cannot be unwrapped to " + clazz.getName()
        + "; try " + TiffinCache.class.getName());
  }

  /** Turns statistics on or off, registering or unregistering the statistics MXBean. */
  void setStatisticsEnabled(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
    if (enabled) {
      MBeanRegistrar.register(statistics, MBeanRegistrar.Kind.CacheStatistics, managerUri(), name);
    } else {
      MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheStatistics, managerUri(), name);
    }
  }

  /** Turns management on or off, registering or unregistering the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    if (enabled) {
      MBeanRegistrar.register(configurationBean, MBeanRegistrar.Kind.CacheConfiguration, managerUri(), name);
    } else {
      MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheConfiguration, managerUri(), name);
    }
  }

  /** The expiry policy this cache asks, created once from its configuration. */
  javax.cache.expiry.ExpiryPolicy expiryPolicy() {
    return expiry.policy();
  }

  /** This cache's statistics, live. */
  public CacheStatistics statistics() {
    return statistics;
  }

  private String managerUri() {
    return manager.getURI().toString();
  }

  // ---- argument checks

  /** Whether writes go through to a cache writer. */
  boolean isWriteThrough() {
    return writer.isActive();
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache " + name + " is closed");
    }
  }

  void requireOpenAndKey(K key) {
    requireOpen();
    Objects.requireNonNull(key, "key");
  }

  void requireWritable(K key, V value) {
    requireOpenAndKey(key);
    Objects.requireNonNull(value, "value");
    requireType("Key", key, configuration.getKeyType());
    requireType("Value", value, configuration.getValueType());
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
    return "StoreBackedCache[" + name + " in " + store.describe() + "]";
  }
}
