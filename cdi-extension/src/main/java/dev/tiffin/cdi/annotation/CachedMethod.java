package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CacheResolver;

/** Everything the interceptors need about one annotated method, computed once and then shared. */
public sealed interface CachedMethod permits ResultMethod, PutMethod, RemoveMethod, RemoveAllMethod {

  /** The method, its cache annotation and its resolved cache name. */
  MethodDetails<? extends Annotation> details();

  /** Which parameters form the key and which one is the value. */
  ParameterLayout parameters();

  /** Finds the cache at call time. */
  CacheResolver cacheResolver();

  /** The annotation type in charge of this method. */
  default Class<? extends Annotation> annotationType() {
    return details().getCacheAnnotation().annotationType();
  }
}
