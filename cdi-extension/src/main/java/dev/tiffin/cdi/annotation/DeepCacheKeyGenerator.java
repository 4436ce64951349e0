package dev.tiffin.cdi.annotation;

import java.lang.annotation.Annotation;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** The default key generator: a {@link DeepCacheKey} over the key parameters' values. */
public final class DeepCacheKeyGenerator implements CacheKeyGenerator {

  @Override
  public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
    if (context instanceof CacheKeyInvocation<?> invocation) {
      return new DeepCacheKey(invocation.keyValues());
    }
    CacheInvocationParameter[] keys = context.getKeyParameters();
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = keys[i].getValue();
    }
    return new DeepCacheKey(values);
  }
}
