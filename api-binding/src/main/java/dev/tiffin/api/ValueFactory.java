package dev.tiffin.api;

/** Computes the value {@code getOrSet} stores when the cache has no fresh one. */
@FunctionalInterface
public interface ValueFactory<V> {

  /**
   * Computes the value; {@code null} stores nothing and {@code getOrSet} returns {@code null}.
   *
   * @param context lets the factory change the ttl, skip caching, or fail over to the stale value
   * @throws Exception any failure: with a stale value in its grace period the caller gets that value,
   *     otherwise a {@link javax.cache.CacheException} caused by this one
   */
  V create(FactoryContext<V> context) throws Exception;
}
