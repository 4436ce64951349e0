package dev.tiffin.cdi.annotation;

import javax.cache.Cache;
import javax.cache.annotation.CacheRemove;

/** {@code @CacheRemove}: remove the call's key before or after the invocation. */
final class CacheRemoveOperation {

  Object invoke(RemoveMethod method, Invocation call) throws Exception {
    var context = new CacheKeyInvocation<CacheRemove>(method.details(), method.parameters(), call);
    boolean after = method.afterInvocation();
    if (!after) {
      remove(method, context);
    }
    Object result;
    try {
      result = call.proceed().proceed();
    } catch (Throwable t) {
      if (after && method.evictOnException().test(t)) {
        remove(method, context);
      }
      throw t;
    }
    if (after) {
      remove(method, context);
    }
    return result;
  }

  private static void remove(RemoveMethod method, CacheKeyInvocation<CacheRemove> context) {
    Cache<Object, Object> cache = method.cacheResolver().resolveCache(context);
    cache.remove(method.keyGenerator().generateCacheKey(context));
  }
}
