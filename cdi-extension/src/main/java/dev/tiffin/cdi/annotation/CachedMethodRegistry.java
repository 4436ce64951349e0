package dev.tiffin.cdi.annotation;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CachedMethod}s built so far, one per method and target class, so the reflection and the
 * resolver factory run once per method instead of on every call.
 *
 * <p>The target class is part of the key because an inherited method can get its cache annotation
 * or its {@code @CacheDefaults} from the subclass it is invoked on.
 */
final class CachedMethodRegistry {

  private final ConcurrentHashMap<MethodKey, CachedMethod> methods = new ConcurrentHashMap<>();
  private final CachedMethodFactory factory;

  CachedMethodRegistry(CachedMethodFactory factory) {
    this.factory = factory;
  }

  CachedMethod get(Method method, Class<?> targetClass) {
    MethodKey key = new MethodKey(method, targetClass == null ? method.getDeclaringClass() : targetClass);
    CachedMethod cached = methods.get(key);
    if (cached == null) {
      // Built outside the map's lock: a resolver factory may itself be intercepted or slow.
      CachedMethod built = factory.create(method, key.targetClass());
      cached = methods.putIfAbsent(key, built);
      if (cached == null) {
        cached = built;
      }
    }
    return cached;
  }

  int size() {
    return methods.size();
  }

  private record MethodKey(Method method, Class<?> targetClass) {
  }
}
