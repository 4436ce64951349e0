package dev.tiffin.cdi.interceptor;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import javax.cache.annotation.CachePut;

/** Applies {@code @CachePut}; enabled for the whole application by its priority, no beans.xml needed. */
@CachePut
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CachePutInterceptor extends AnnotationInterceptor {

  private static final long serialVersionUID = 1L;

  /** Binds this interceptor to {@code @CachePut}. */
  public CachePutInterceptor() {
    super(CachePut.class);
  }
}
