package dev.tiffin.cdi.annotation;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/** Gets a cache by name, creating it with a plain {@link MutableConfiguration} when it does not exist yet. */
public final class OnDemandCaches {

  private OnDemandCaches() {
  }

  /**
   * Returns the named cache of {@code manager}, creating it with the given key and value types if absent.
   *
   * <p>Two threads may race to create the same cache; the loser's {@link CacheException} is answered
   * with the winner's cache.
   */
  public static <K, V> Cache<K, V> getOrCreate(CacheManager manager, String name, Class<K> keyType,
      Class<V> valueType) {
    Cache<K, V> cache = manager.getCache(name);
    if (cache != null) {
      return cache;
    }
    try {
      return manager.createCache(name, new MutableConfiguration<K, V>().setTypes(keyType, valueType));
    } catch (CacheException e) {
      Cache<K, V> created = manager.getCache(name);
      if (created != null) {
        return created;
      }
      throw e;
    }
  }
}
