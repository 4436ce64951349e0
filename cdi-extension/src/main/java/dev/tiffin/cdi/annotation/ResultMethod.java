package dev.tiffin.cdi.annotation;

import dev.tiffin.cdi.flight.CrossJvmGate;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResult;

/**
 * A {@code @CacheResult} method.
 *
 * @param exceptionCacheResolver null unless {@code exceptionCacheName} is set
 * @param asynchronous the method returns {@code CompletionStage} or {@code CompletableFuture}, whose
 *     completed value is cached instead of the stage itself
 * @param singleFlight remembers whether single flight is on for the cache resolved last
 * @param crossJvmGate remembers the cross-JVM gate of the cache resolved last; null when its provider has none
 */
record ResultMethod(MethodDetails<CacheResult> details, ParameterLayout parameters, CacheResolver cacheResolver,
    CacheResolver exceptionCacheResolver, CacheKeyGenerator keyGenerator, ExceptionFilter exceptionFilter,
    boolean asynchronous, LastCacheMemo<Boolean> singleFlight, LastCacheMemo<CrossJvmGate> crossJvmGate)
    implements CachedMethod {

  /** Always invoke, without looking up a cached result or exception. */
  boolean skipGet() {
    return details.getCacheAnnotation().skipGet();
  }
}
