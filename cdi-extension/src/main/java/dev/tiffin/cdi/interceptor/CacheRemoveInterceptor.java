package dev.tiffin.cdi.interceptor;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import javax.cache.annotation.CacheRemove;

/** Applies {@code @CacheRemove}; enabled for the whole application by its priority, no beans.xml needed. */
@CacheRemove
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CacheRemoveInterceptor extends AnnotationInterceptor {

  private static final long serialVersionUID = 1L;

  /** Binds this interceptor to {@code @CacheRemove}. */
  public CacheRemoveInterceptor() {
    super(CacheRemove.class);
  }
}
