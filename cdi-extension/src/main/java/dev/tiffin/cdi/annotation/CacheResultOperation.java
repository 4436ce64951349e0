package dev.tiffin.cdi.annotation;

import dev.tiffin.cdi.flight.CrossJvmGate;
import dev.tiffin.cdi.flight.SingleFlight;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.cache.Cache;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * {@code @CacheResult}: answer from the cache, else rethrow a cached exception, else invoke and cache.
 *
 * <p>Beyond the spec: a {@code CompletionStage} result is cached as its value once it completes
 * successfully (a failed stage caches nothing) and a hit returns a completed future; with single
 * flight on for the cache, concurrent misses on one key share one invocation, and when the provider
 * keeps a lock that JVMs share (Tiffin), the leaders of several JVMs take turns through it.
 */
final class CacheResultOperation {

  private final SingleFlight flights;

  CacheResultOperation(SingleFlight flights) {
    this.flights = flights;
  }

  Object invoke(ResultMethod method, Invocation call) throws Exception {
    var context = new CacheKeyInvocation<CacheResult>(method.details(), method.parameters(), call);
    Cache<Object, Object> cache = method.cacheResolver().resolveCache(context);
    Cache<Object, Throwable> exceptions = method.exceptionCacheResolver() == null
        ? null : method.exceptionCacheResolver().resolveCache(context);
    GeneratedCacheKey key = method.keyGenerator().generateCacheKey(context);
    if (method.skipGet()) {
      return invokeAndCache(method, call, cache, exceptions, key);
    }
    Object hit = cached(method, cache, exceptions, key);
    if (hit != null) {
      return hit;
    }
    if (method.singleFlight().get(cache)) {
      return flights.run(cache, key, method.asynchronous(), () -> lead(method, call, cache, exceptions, key));
    }
    return invokeAndCache(method, call, cache, exceptions, key);
  }

  /** The single-flight leader: reads again, then invokes, under the lock JVMs share if the provider has one. */
  private static Object lead(ResultMethod method, Invocation call, Cache<Object, Object> cache,
      Cache<Object, Throwable> exceptions, GeneratedCacheKey key) throws Exception {
    // A flight that landed between our miss and our start has filled the cache already.
    Object again = cached(method, cache, exceptions, key);
    if (again != null) {
      return again;
    }
    CrossJvmGate gate = method.crossJvmGate().get(cache);
    if (gate == null) {
      return invokeAndCache(method, call, cache, exceptions, key);
    }
    // Another JVM may have filled the cache while we waited for its lock: read once more under it.
    return gate.run(key, method.asynchronous(), () -> {
      Object filled = cached(method, cache, exceptions, key);
      return filled != null ? filled : invokeAndCache(method, call, cache, exceptions, key);
    });
  }

  /** The cached answer, or null on a miss; a cached exception is rethrown. */
  private static Object cached(ResultMethod method, Cache<Object, Object> cache, Cache<Object, Throwable> exceptions,
      GeneratedCacheKey key) throws Exception {
    Object value = cache.get(key);
    if (value != null) {
      return method.asynchronous() ? CompletableFuture.completedFuture(value) : value;
    }
    if (exceptions != null) {
      Throwable thrown = exceptions.get(key);
      if (thrown != null) {
        throw Throwables.rethrow(thrown);
      }
    }
    return null;
  }

  private static Object invokeAndCache(ResultMethod method, Invocation call, Cache<Object, Object> cache,
      Cache<Object, Throwable> exceptions, GeneratedCacheKey key) throws Exception {
    Object result;
    try {
      result = call.proceed().proceed();
    } catch (Throwable t) {
      if (exceptions != null && method.exceptionFilter().test(t)) {
        exceptions.put(key, t);
      }
      throw t;
    }
    if (method.asynchronous() && result instanceof CompletionStage<?> stage) {
      // Callers continue only after the value is in the cache.
      return stage.whenComplete((value, error) -> {
        if (error == null && value != null) {
          cache.put(key, value);
        }
      });
    }
    if (result != null) {
      cache.put(key, result);
    }
    return result;
  }
}
