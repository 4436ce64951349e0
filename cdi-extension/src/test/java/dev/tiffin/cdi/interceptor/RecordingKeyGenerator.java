package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.annotation.DeepCacheKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** A key generator that is a bean, so the extension must use this instance; it records what it saw. */
@ApplicationScoped
public class RecordingKeyGenerator implements CacheKeyGenerator {

  private volatile String seen;

  @Override
  public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
    CacheInvocationParameter[] keys = context.getKeyParameters();
    seen = context.getCacheName()
        + " keys=" + Arrays.stream(keys).map(p -> p.getParameterPosition() + ":" + p.getRawType().getSimpleName()
            + "=" + p.getValue()).toList()
        + " all=" + context.getAllParameters().length
        + " annotation=" + context.getCacheAnnotation().annotationType().getSimpleName()
        + " target=" + (context.getTarget() instanceof KeyedBean)
        + " unwrap=" + (context.unwrap(InvocationContext.class).getMethod().equals(context.getMethod()));
    return new DeepCacheKey(Arrays.stream(keys).map(CacheInvocationParameter::getValue).toArray());
  }

  public String seen() {
    return seen;
  }
}
