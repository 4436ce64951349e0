package dev.tiffin.cdi.annotation;

import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResolver;

/** A {@code @CacheRemove} method; {@code evictOnException} applies {@code evictFor}/{@code noEvictFor}. */
record RemoveMethod(MethodDetails<CacheRemove> details, ParameterLayout parameters, CacheResolver cacheResolver,
    CacheKeyGenerator keyGenerator, ExceptionFilter evictOnException) implements CachedMethod {

  /** Remove after the call (true) or before it. */
  boolean afterInvocation() {
    return details.getCacheAnnotation().afterInvocation();
  }
}
