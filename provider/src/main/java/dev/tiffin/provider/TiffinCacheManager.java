package dev.tiffin.provider;

import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.TiffinSettings;
import dev.tiffin.provider.StoreRegistry.OpenStore;
import dev.tiffin.provider.catalog.CatalogRecord;
import dev.tiffin.provider.catalog.StoreCatalog;
import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.config.SettingNames;
import dev.tiffin.provider.config.SettingsLoader;
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
  private final Map<String, StoreBackedCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final Map<String, OpenStore> acquired = new HashMap<>();
  private volatile boolean closed;

  TiffinCacheManager(TiffinCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
      SettingsLoader.Resolved resolved, StoreRegistry stores, LongSupplier clock) {
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
    settings.caches().forEach((name, cacheSettings) -> createCache(name, CacheConfigurations.declared(cacheSettings)));
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
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("A cache named " + cacheName + " already exists in " + uri);
      }
      MutableConfiguration<K, V> copy = copyOf(configuration);
      StoreBackedCache<K, V> cache = open(cacheName, copy);
      catalogOf(cacheName).record(cacheName, CatalogRecord.of(copy.getKeyType(), copy.getValueType(),
          cache.expiryPolicy(), copy.isStatisticsEnabled(), copy.isManagementEnabled()));
      return cache;
    }
  }

  private <K, V> StoreBackedCache<K, V> open(String cacheName, MutableConfiguration<K, V> configuration) {
    CacheSettings cacheSettings = settings.cache(cacheName);
    OpenStore store = storeFor(cacheSettings.store());
    UnreadableValues unreadable = new UnreadableValues(cacheName);
    EnvelopeCodec.Pair codec = EnvelopeCodec.forCache(settings.app(), cacheName, store.trust(),
        List.of(configuration.getKeyType(), configuration.getValueType()), cacheSettings.allowedClasses(),
        classLoader, unreadable);
    StoreBackedCache<K, V> cache = new StoreBackedCache<>(this, cacheName, configuration, store.store(),
        codec.keys(), codec.values(), unreadable, clock);
    caches.put(cacheName, cache);
    return cache;
  }

  /** Opens a cache the store knows but this manager has not opened, from the store's record of it. */
  private StoreBackedCache<?, ?> openRecorded(String cacheName) {
    synchronized (caches) {
      StoreBackedCache<?, ?> cache = caches.get(cacheName);
      if (cache != null) {
        return cache;
      }
      return catalogOf(cacheName).find(cacheName).map(record -> open(cacheName, CacheConfigurations.recorded(record, classLoader)))
          .orElse(null);
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
    synchronized (acquired) {
      return acquired.computeIfAbsent(storeName, name -> stores.acquire(settings.store(name), settings.app()));
    }
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
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    StoreBackedCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
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
    synchronized (acquired) {
      acquired.values().forEach(store -> stores.release(store.store()));
      acquired.clear();
    }
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
