package dev.tiffin.cdi.interceptor;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import javax.cache.annotation.CacheResult;

/** Applies {@code @CacheResult}; enabled for the whole application by its priority, no beans.xml needed. */
@CacheResult
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CacheResultInterceptor extends AnnotationInterceptor {

  private static final long serialVersionUID = 1L;

  /** Binds this interceptor to {@code @CacheResult}. */
  public CacheResultInterceptor() {
    super(CacheResult.class);
  }
}
