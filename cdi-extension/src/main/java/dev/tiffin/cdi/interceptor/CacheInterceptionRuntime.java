package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.annotation.CacheInterception;
import dev.tiffin.cdi.annotation.Invocation;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;

/** The application's one {@link CacheInterception}, shared by the four interceptors. */
@ApplicationScoped
public class CacheInterceptionRuntime {

  private BeanComponentLookup components;
  private CacheInterception interception;

  /** For the container's client proxy. */
  protected CacheInterceptionRuntime() {
  }

  /** Resolves custom resolver factories and key generators as beans of {@code beanManager}. */
  @Inject
  public CacheInterceptionRuntime(BeanManager beanManager) {
    this.components = new BeanComponentLookup(beanManager);
    this.interception = new CacheInterception(components);
  }

  /** Runs the cache operation of {@code binding} for one intercepted call. */
  public Object intercept(Class<? extends Annotation> binding, Class<?> beanClass, InvocationContext context)
      throws Exception {
    return interception.intercept(binding, context.getMethod(), beanClass,
        new Invocation(context.getTarget(), context.getParameters(), context, context::proceed));
  }

  /** Destroys the dependent factory and generator beans this runtime looked up. */
  @PreDestroy
  void release() {
    components.release();
  }
}
