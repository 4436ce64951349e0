package dev.tiffin.cdi.annotation;

import javax.cache.Cache;
import javax.cache.annotation.CachePut;

/**
 * {@code @CachePut}: store the {@code @CacheValue} argument before or after the invocation.
 *
 * <p>A null value removes the key instead: a JCache cache cannot hold null, and keeping the old
 * entry would serve a value the method was just told to replace.
 */
final class CachePutOperation {

  Object invoke(PutMethod method, Invocation call) throws Exception {
    var context = new CacheKeyInvocation<CachePut>(method.details(), method.parameters(), call);
    boolean after = method.afterInvocation();
    if (!after) {
      put(method, context);
    }
    Object result;
    try {
      result = call.proceed().proceed();
    } catch (Throwable t) {
      if (after && method.putOnException().test(t)) {
        put(method, context);
      }
      throw t;
    }
    if (after) {
      put(method, context);
    }
    return result;
  }

  private static void put(PutMethod method, CacheKeyInvocation<CachePut> context) {
    Cache<Object, Object> cache = method.cacheResolver().resolveCache(context);
    Object key = method.keyGenerator().generateCacheKey(context);
    Object value = method.parameters().value(context.call.arguments());
    if (value == null) {
      cache.remove(key);
    } else {
      cache.put(key, value);
    }
  }
}
