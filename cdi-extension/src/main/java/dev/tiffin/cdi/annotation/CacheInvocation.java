package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheInvocationParameter;

/**
 * Runtime view of one intercepted call, given to {@code CacheResolver}s.
 *
 * <p>Parameter objects are built only when someone asks for them, so the common path (default key
 * generator, default resolver) allocates none.
 */
public class CacheInvocation<A extends Annotation> implements CacheInvocationContext<A> {

  private final MethodDetails<A> details;
  final ParameterLayout layout;
  final Invocation call;

  CacheInvocation(MethodDetails<A> details, ParameterLayout layout, Invocation call) {
    this.details = details;
    this.layout = layout;
    this.call = call;
  }

  @Override
  public Method getMethod() {
    return details.getMethod();
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return details.getAnnotations();
  }

  @Override
  public A getCacheAnnotation() {
    return details.getCacheAnnotation();
  }

  @Override
  public String getCacheName() {
    return details.getCacheName();
  }

  @Override
  public Object getTarget() {
    return call.target();
  }

  @Override
  public CacheInvocationParameter[] getAllParameters() {
    return layout.all(call.arguments());
  }

  /** Unwraps to this context, or to the interception framework's own invocation object. */
  @Override
  public <T> T unwrap(Class<T> cls) {
    if (cls.isInstance(this)) {
      return cls.cast(this);
    }
    if (cls.isInstance(call.nativeContext())) {
      return cls.cast(call.nativeContext());
    }
    throw new IllegalArgumentException("Cannot unwrap " + getClass().getName() + " to " + cls.getName());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + getCacheName() + " <- " + getMethod() + "]";
  }
}
