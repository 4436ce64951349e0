package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * The default resolver factory: caches come by name from
 * {@code Caching.getCachingProvider().getCacheManager()} and are created with a plain
 * {@code MutableConfiguration} when absent.
 */
public class DefaultCacheResolverFactory implements CacheResolverFactory {

  private final Supplier<CacheManager> managers;

  /** Uses the default cache manager of the default caching provider. */
  public DefaultCacheResolverFactory() {
    this(() -> Caching.getCachingProvider().getCacheManager());
  }

  /** Uses whatever cache manager {@code managers} supplies at the time a cache is (re)resolved. */
  public DefaultCacheResolverFactory(Supplier<CacheManager> managers) {
    this.managers = Objects.requireNonNull(managers, "managers");
  }

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    return new ManagedCacheResolver(details.getCacheName(), managers);
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    String name = details.getCacheAnnotation().exceptionCacheName();
    if (name.isBlank()) {
      throw new IllegalArgumentException("No exceptionCacheName on " + details.getMethod());
    }
    return new ManagedCacheResolver(name, managers);
  }
}
