package dev.tiffin.cdi.annotation;

import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheResolver;

/** A {@code @CachePut} method; {@code putOnException} applies {@code cacheFor}/{@code noCacheFor}. */
record PutMethod(MethodDetails<CachePut> details, ParameterLayout parameters, CacheResolver cacheResolver,
    CacheKeyGenerator keyGenerator, ExceptionFilter putOnException) implements CachedMethod {

  /** Put after the call (true) or before it. */
  boolean afterInvocation() {
    return details.getCacheAnnotation().afterInvocation();
  }
}
