package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.annotation.Annotation;

/** What the four interceptors share: each hands its calls to the framework-neutral logic of its annotation. */
abstract class AnnotationInterceptor implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Class<? extends Annotation> annotation;

  @Inject
  CacheInterceptionRuntime runtime;

  @Inject
  @Intercepted
  Bean<?> intercepted;

  AnnotationInterceptor(Class<? extends Annotation> annotation) {
    this.annotation = annotation;
  }

  /** Hands the call to the logic of this interceptor's annotation. */
  @AroundInvoke
  public Object intercept(InvocationContext context) throws Exception {
    return runtime.intercept(annotation, intercepted.getBeanClass(), context);
  }
}
