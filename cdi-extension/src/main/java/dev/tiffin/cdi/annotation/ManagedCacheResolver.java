package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * Resolves one cache by name from a cache manager, looking it up again when the cache (or its
 * manager) has been closed since, so that closing and reopening the default manager does not break
 * annotated beans.
 */
final class ManagedCacheResolver implements CacheResolver {

  private final String cacheName;
  private final Supplier<CacheManager> managers;
  private volatile Cache<?, ?> cache;

  ManagedCacheResolver(String cacheName, Supplier<CacheManager> managers) {
    this.cacheName = cacheName;
    this.managers = managers;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
    Cache<?, ?> current = cache;
    if (current == null || current.isClosed()) {
      // Keys are always GeneratedCacheKeys; declaring it lets store-by-value providers with a
      // deserialization allow-list (Tiffin) accept the keys without extra configuration.
      current = OnDemandCaches.getOrCreate(managers.get(), cacheName, GeneratedCacheKey.class, Object.class);
      cache = current;
    }
    return (Cache<K, V>) current;
  }

  @Override
  public String toString() {
    return "ManagedCacheResolver[" + cacheName + "]";
  }
}
