package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.annotation.DeepCacheKey;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Locale;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** A key generator that is not a bean: created through its no-argument constructor. */
public class CaseInsensitiveKeyGenerator implements CacheKeyGenerator {

  @Override
  public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
    return new DeepCacheKey(Arrays.stream(context.getKeyParameters())
        .map(p -> String.valueOf(p.getValue()).toLowerCase(Locale.ROOT)).toArray());
  }
}
