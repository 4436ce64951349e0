package dev.tiffin.cdi.interceptor;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import javax.cache.annotation.CacheRemoveAll;

/** Applies {@code @CacheRemoveAll}; enabled for the whole application by its priority, no beans.xml needed. */
@CacheRemoveAll
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CacheRemoveAllInterceptor extends AnnotationInterceptor {

  private static final long serialVersionUID = 1L;

  /** Binds this interceptor to {@code @CacheRemoveAll}. */
  public CacheRemoveAllInterceptor() {
    super(CacheRemoveAll.class);
  }
}
