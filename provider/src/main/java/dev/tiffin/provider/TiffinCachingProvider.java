package dev.tiffin.provider;

import dev.tiffin.provider.async.SharedExecutor;
import dev.tiffin.provider.config.SettingsLoader;
import dev.tiffin.provider.time.Ticker;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Tiffin's JCache {@link CachingProvider}, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services}; hands out one {@link TiffinCacheManager} per URI and class loader.
 */
public final class TiffinCachingProvider implements CachingProvider {

  private final Map<ClassLoader, Map<URI, TiffinCacheManager>> managers = new WeakHashMap<>();
  private final LongSupplier clock;
  private final SettingsLoader settingsLoader;
  private final Ticker ticker;
  private final StoreRegistry stores;
  private final SharedExecutor sharedExecutor = new SharedExecutor();

  /** The provider the service loader creates: wall-clock time, this process's environment. */
  public TiffinCachingProvider() {
    this(System::currentTimeMillis, SettingsLoader.fromProcess());
  }

  /** A provider with its own clock and settings sources, so tests can drive time and configuration. */
  public TiffinCachingProvider(LongSupplier clock, SettingsLoader settingsLoader) {
    this(clock, Ticker.SYSTEM, settingsLoader);
  }

  /** A provider whose waits, too, are measured and spent by {@code ticker}. */
  public TiffinCachingProvider(LongSupplier clock, Ticker ticker, SettingsLoader settingsLoader) {
    this.clock = clock;
    this.ticker = ticker;
    this.settingsLoader = settingsLoader;
    this.stores = new StoreRegistry(clock);
  }

  /** The executor caches use for background work when the application supplies none. */
  SharedExecutor sharedExecutor() {
    return sharedExecutor;
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    synchronized (managers) {
      Map<URI, TiffinCacheManager> byUri = managers.computeIfAbsent(loader, key -> new HashMap<>());
      TiffinCacheManager manager = byUri.get(managerUri);
      if (manager == null || manager.isClosed()) {
        SettingsLoader.Resolved resolved = settingsLoader.load(managerUri, loader, properties);
        manager = new TiffinCacheManager(this, managerUri, loader, properties, resolved, stores, clock, ticker);
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return SettingsLoader.DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    for (TiffinCacheManager manager : snapshot(null, null)) {
      manager.close();
    }
    // Every manager gave its stores back; closing the registry also ends the sweeper thread.
    stores.close();
    sharedExecutor.close();
  }

  @Override
  public void close(ClassLoader classLoader) {
    for (TiffinCacheManager manager : snapshot(classLoader == null ? getDefaultClassLoader() : classLoader, null)) {
      manager.close();
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    for (TiffinCacheManager manager : snapshot(classLoader == null ? getDefaultClassLoader() : classLoader,
        uri == null ? getDefaultURI() : uri)) {
      manager.close();
    }
  }

  private java.util.List<TiffinCacheManager> snapshot(ClassLoader loader, URI uri) {
    java.util.List<TiffinCacheManager> found = new java.util.ArrayList<>();
    synchronized (managers) {
      managers.forEach((managerLoader, byUri) -> {
        if (loader == null || loader == managerLoader) {
          byUri.forEach((managerUri, manager) -> {
            if (uri == null || uri.equals(managerUri)) {
              found.add(manager);
            }
          });
        }
      });
    }
    return found;
  }

  /** Forgets a manager that closed itself. */
  void release(TiffinCacheManager manager) {
    synchronized (managers) {
      Map<URI, TiffinCacheManager> byUri = managers.get(manager.getClassLoader());
      if (byUri != null) {
        byUri.remove(manager.getURI(), manager);
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    // Entries live outside the heap (SQLite, Redis), so store-by-reference cannot be offered.
    return false;
  }
}
