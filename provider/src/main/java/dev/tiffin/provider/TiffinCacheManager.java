package dev.tiffin.provider;

import dev.tiffin.api.TiffinProperties;
import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.config.TiffinSettings;
import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.provider.StoreRegistry.OpenStore;
import dev.tiffin.provider.catalog.CatalogRecord;
import dev.tiffin.provider.async.OpenOnce;
import dev.tiffin.provider.catalog.StoreCatalog;
import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.config.SettingNames;
import dev.tiffin.provider.config.SettingsLoader;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.provider.time.Ticker;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A JCache {@link CacheManager}: its URI and settings say where the data lives; it creates caches
 * over the configured stores and closes them with itself.
 */
public final class TiffinCacheManager implements CacheManager {

  private final TiffinCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final TiffinSettings settings;
  private final StoreRegistry stores;
  private final LongSupplier clock;
  private final CacheAssembler assembler;
  private final Map<String, StoreBackedCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final OpenOnce<String, OpenStore> acquired = new OpenOnce<>();
  private volatile boolean closed;

  TiffinCacheManager(TiffinCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
      SettingsLoader.Resolved resolved, StoreRegistry stores, LongSupplier clock, Ticker ticker) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = new Properties();
    if (properties != null) {
      this.properties.putAll(properties);
    }
    // The resolved tiffin.* values too, so integrations (the CDI extension) see file settings;
    // secrets stay out: whoever holds the manager must not be handed a password.
    resolved.values().forEach((key, value) -> {
      if (SettingNames.isSecret(key)) {
        this.properties.remove(key);
      } else {
        this.properties.setProperty(key, value);
      }
    });
    this.settings = resolved.settings();
    this.stores = stores;
    this.clock = clock;
    this.assembler = new CacheAssembler(this, executorFrom(properties, provider), ticker);
    try {
      settings.caches().forEach((name, cacheSettings) -> createCache(name, CacheConfigurations.declared(cacheSettings)));
    } catch (RuntimeException e) {
      // Nobody gets this manager to close: give back the stores and caches opened so far.
      close();
      throw e;
    }
  }

  /** The executor the application supplied under {@link TiffinProperties#EXECUTOR}, else the provider's. */
  private static Executor executorFrom(Properties properties, TiffinCachingProvider provider) {
    Object supplied = properties == null ? null : properties.get(TiffinProperties.EXECUTOR);
    if (supplied == null) {
      return provider.sharedExecutor();
    }
    if (supplied instanceof Executor executor) {
      return executor;
    }
    throw new CacheException("Property " + TiffinProperties.EXECUTOR + " must hold a java.util.concurrent.Executor,"
        + " not a " + supplied.getClass().getName());
  }

  /** The settings this manager resolved from all sources. */
  public TiffinSettings settings() {
    return settings;
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  /** The properties passed in, plus every resolved {@code tiffin.*} setting. */
  @Override
  public Properties getProperties() {
    return properties;
  }

  /**
   * Creates the cache, or opens it with this configuration when the store already knows it (another
   * JVM or an earlier run created it): its entries stay, and the store's record of it is replaced.
   */
  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    MutableConfiguration<K, V> copy = copyOf(configuration);
    // Connecting to the store happens outside the lock: a slow server must not stall other caches.
    OpenStore store = storeFor(settings.cache(cacheName).store());
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("A cache named " + cacheName + " already exists in " + uri);
      }
      StoreBackedCache<K, V> cache = open(cacheName, copy, store);
      new StoreCatalog(store.store(), settings.app()).record(cacheName, CatalogRecord.of(copy.getKeyType(),
          copy.getValueType(), cache.context().expiry().policy(), copy.isStatisticsEnabled(), copy.isManagementEnabled()));
      return cache;
    }
  }

  private <K, V> StoreBackedCache<K, V> open(String cacheName, MutableConfiguration<K, V> configuration,
      OpenStore store) {
    CacheSettings cacheSettings = settings.cache(cacheName);
    if (configuration.isWriteThrough()) {
      // Its puts are written under the key's write lock, whose release writes them: a queue gains nothing.
      cacheSettings = cacheSettings.withWriteBehind(WriteBehindSettings.off());
    }
    UnreadableValues unreadable = new UnreadableValues(cacheName);
    EnvelopeCodec.Pair codec = EnvelopeCodec.forCache(settings.app(), cacheName, store.trust(),
        List.of(configuration.getKeyType(), configuration.getValueType()), cacheSettings.allowedClasses(),
        classLoader, unreadable);
    StoreSettings storeSettings = settings.store(cacheSettings.store());
    CacheStoreLayers layers =
        CacheStoreLayers.over(store, cacheName, cacheSettings, storeSettings.failures(), codec.keys(), clock);
    CacheSpace space = new CacheSpace(cacheName, layers.top(), codec.keys(), codec.values(), clock);
    StoreBackedCache<K, V> cache;
    try {
      cache = assembler.assemble(space, configuration, storeSettings.timeout(), unreadable, layers, store.health());
    } catch (RuntimeException | Error e) {
      // The near tier or announcer has joined the store's bus: a cache that never opened must leave it.
      layers.top().close();
      throw e;
    }
    if (cacheSettings.listenersAcrossJvms()) {
      assembler.shareEvents(cache, InProcessInvalidationBus.eventsOf(store.store()));
    }
    caches.put(cacheName, cache);
    return cache;
  }

  /** Opens a cache the store knows but this manager has not opened, from the store's record of it. */
  private StoreBackedCache<?, ?> openRecorded(String cacheName) {
    StoreBackedCache<?, ?> open = caches.get(cacheName);
    if (open != null) {
      return open;
    }
    OpenStore store = storeFor(settings.cache(cacheName).store());
    synchronized (caches) {
      StoreBackedCache<?, ?> cache = caches.get(cacheName);
      if (cache != null) {
        return cache;
      }
      return new StoreCatalog(store.store(), settings.app()).find(cacheName)
          .map(record -> open(cacheName, CacheConfigurations.recorded(record, classLoader), store)).orElse(null);
    }
  }

  private StoreCatalog catalogOf(String cacheName) {
    return new StoreCatalog(storeFor(settings.cache(cacheName).store()).store(), settings.app());
  }

  private static <K, V> MutableConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (!configuration.isStoreByValue()) {
      // Entries live outside the heap (SQLite, Redis): there is no reference to hand back.
      throw new UnsupportedOperationException("Tiffin stores entries by value only; store-by-reference"
          + " (setStoreByValue(false)) is not supported");
    }
    MutableConfiguration<K, V> copy;
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      copy = new MutableConfiguration<>(complete);
    } else {
      copy = new MutableConfiguration<K, V>().setTypes(configuration.getKeyType(), configuration.getValueType());
    }
    return copy;
  }

  private OpenStore storeFor(String storeName) {
    return acquired.get(storeName, name -> stores.acquire(settings.store(name), settings.app()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    StoreBackedCache<?, ?> cache = openRecorded(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
    if (!configuration.getKeyType().equals(keyType)) {
      throw new ClassCastException("Cache " + cacheName + " has keys of " + configuration.getKeyType().getName()
          + ", not " + keyType.getName());
    }
    if (!configuration.getValueType().equals(valueType)) {
      throw new ClassCastException("Cache " + cacheName + " has values of " + configuration.getValueType().getName()
          + ", not " + valueType.getName());
    }
    return (Cache<K, V>) cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    return (Cache<K, V>) openRecorded(cacheName);
  }

  /** The caches this manager has open and those its stores know for this application. */
  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    Set<String> names = new TreeSet<>(caches.keySet());
    Set<String> storeNames = new TreeSet<>();
    settings.caches().values().forEach(cache -> storeNames.add(cache.store()));
    storeNames.add(settings.template().store());
    storeNames.forEach(store -> names.addAll(new StoreCatalog(storeFor(store).store(), settings.app()).names()));
    return Set.copyOf(names);
  }

  /** Closes the cache if it is open here, and removes its entries and its record from the store. */
  @Override
  public void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    synchronized (caches) {
      StoreBackedCache<?, ?> cache = caches.get(cacheName);
      if (cache != null) {
        cache.destroy();
      }
      StoreCatalog catalog = catalogOf(cacheName);
      if (cache != null) {
        catalog.forget(cacheName);
      } else if (catalog.find(cacheName).isPresent()) {
        catalog.destroy(cacheName);
      }
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StoreBackedCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.context().mbeans().setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StoreBackedCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.context().mbeans().setStatisticsEnabled(enabled);
    }
  }

  /** Forgets a cache that closed itself. */
  void release(StoreBackedCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    List<StoreBackedCache<?, ?>> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(caches.values());
    }
    provider.release(this);
    open.forEach(StoreBackedCache::close);
    acquired.drain().forEach(store -> stores.release(store.store()));
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
    if (clazz.isAssignableFrom(ManagerStores.class)) {
      requireOpen();
      return clazz.cast(new ManagerStores(settings, name -> storeFor(name).store()));
    }
    throw new IllegalArgumentException("A Tiffin cache manager cannot be unwrapped to " + clazz.getName()
        + "; try " + dev.tiffin.api.TiffinStores.class.getName());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache manager " + uri + " is closed");
    }
  }

  @Override
  public String toString() {
    return "TiffinCacheManager[" + uri + ", app=" + settings.app() + ", caches=" + caches.keySet() + "]";
  }
}
