package dev.tiffin.cdi.annotation;

import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;

/** A {@code @CacheRemoveAll} method; {@code evictOnException} applies {@code evictFor}/{@code noEvictFor}. */
record RemoveAllMethod(MethodDetails<CacheRemoveAll> details, ParameterLayout parameters,
    CacheResolver cacheResolver, ExceptionFilter evictOnException) implements CachedMethod {

  /** Empty the cache after the call (true) or before it. */
  boolean afterInvocation() {
    return details.getCacheAnnotation().afterInvocation();
  }
}
