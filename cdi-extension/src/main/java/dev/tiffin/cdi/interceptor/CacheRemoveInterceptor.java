package dev.tiffin.cdi.interceptor;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import javax.cache.annotation.CacheRemove;

/** Applies {@code @CacheRemove}; enabled for the whole application by its priority, no beans.xml needed. */
@CacheRemove
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class CacheRemoveInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject
  CacheInterceptionRuntime runtime;

  @Inject
  @Intercepted
  Bean<?> intercepted;

  /** Hands the call to the framework-neutral {@code @CacheRemove} logic. */
  @AroundInvoke
  public Object intercept(InvocationContext context) throws Exception {
    return runtime.intercept(CacheRemove.class, intercepted.getBeanClass(), context);
  }
}
