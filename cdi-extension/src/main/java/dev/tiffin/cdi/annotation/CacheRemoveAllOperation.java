package dev.tiffin.cdi.annotation;

import javax.cache.Cache;
import javax.cache.annotation.CacheRemoveAll;

/** {@code @CacheRemoveAll}: empty the cache before or after the invocation. */
final class CacheRemoveAllOperation {

  Object invoke(RemoveAllMethod method, Invocation call) throws Exception {
    var context = new CacheInvocation<CacheRemoveAll>(method.details(), method.parameters(), call);
    boolean after = method.afterInvocation();
    if (!after) {
      removeAll(method, context);
    }
    Object result;
    try {
      result = call.proceed().proceed();
    } catch (Throwable t) {
      if (after && method.evictOnException().test(t)) {
        removeAll(method, context);
      }
      throw t;
    }
    if (after) {
      removeAll(method, context);
    }
    return result;
  }

  private static void removeAll(RemoveAllMethod method, CacheInvocation<CacheRemoveAll> context) {
    Cache<Object, Object> cache = method.cacheResolver().resolveCache(context);
    cache.removeAll();
  }
}
