package dev.tiffin.provider.integration;

import java.util.HashMap;
import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/** Calls a cache's loader, wrapping its failures in {@link CacheLoaderException} as the specification asks. */
public final class LoaderSupport<K, V> {

  private final CacheLoader<K, V> loader;

  /** Wraps a loader, which may be {@code null} when none is configured. */
  public LoaderSupport(CacheLoader<K, V> loader) {
    this.loader = loader;
  }

  /** Whether a loader is configured. */
  public boolean isPresent() {
    return loader != null;
  }

  /** The loader itself, for closing it with the cache. */
  public CacheLoader<K, V> loader() {
    return loader;
  }

  /** Loads one value; {@code null} means the source has none. */
  public V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("CacheLoader failed to load key " + key, e);
    }
  }

  /** Loads several values, leaving out keys the source has no value for. */
  public Map<K, V> loadAll(Iterable<K> keys) {
    Map<K, V> loaded;
    try {
      loaded = loader.loadAll(keys);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("CacheLoader failed to load keys", e);
    }
    Map<K, V> present = new HashMap<>();
    if (loaded != null) {
      loaded.forEach((key, value) -> {
        if (key != null && value != null) {
          present.put(key, value);
        }
      });
    }
    return present;
  }
}
