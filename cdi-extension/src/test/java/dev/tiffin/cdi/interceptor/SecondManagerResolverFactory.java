package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.annotation.OnDemandCaches;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.annotation.Annotation;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/** A resolver factory bean that takes caches from a second cache manager and counts its calls. */
@ApplicationScoped
public class SecondManagerResolverFactory implements CacheResolverFactory {

  private final AtomicInteger resolvers = new AtomicInteger();

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
    resolvers.incrementAndGet();
    return new CacheResolver() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
        Cache<Object, Object> cache = OnDemandCaches.getOrCreate(TestCaches.secondManager(), context.getCacheName(),
            Object.class, Object.class);
        return (Cache<K, V>) cache;
      }
    };
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
    throw new UnsupportedOperationException();
  }

  /** How many resolvers were asked for: once per annotated method, however many calls. */
  public int resolvers() {
    return resolvers.get();
  }
}
