package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/** Runtime view of a call to a keyed method ({@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove}). */
public class CacheKeyInvocation<A extends Annotation> extends CacheInvocation<A>
    implements CacheKeyInvocationContext<A> {

  CacheKeyInvocation(MethodDetails<A> details, ParameterLayout layout, Invocation call) {
    super(details, layout, call);
  }

  @Override
  public CacheInvocationParameter[] getKeyParameters() {
    return layout.keys(call.arguments());
  }

  @Override
  public CacheInvocationParameter getValueParameter() {
    return layout.valueParameter(call.arguments());
  }

  /** The raw key arguments, without wrapping them in parameter objects. */
  Object[] keyValues() {
    return layout.keyValues(call.arguments());
  }
}
