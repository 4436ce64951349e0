package dev.tiffin.cdi.interceptor;

import dev.tiffin.cdi.testing.TestCaches;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheValue;

/**
 * {@code @CachePut}, {@code @CacheRemove} and {@code @CacheRemoveAll} with their exception rules
 * and {@code afterInvocation}; each method fails as its {@code failure} argument says.
 */
@ApplicationScoped
public class InventoryBean {

  static final String CACHE = "inventory";

  @CachePut(cacheName = CACHE)
  public void save(@CacheKey String id, @CacheValue String value, String failure) throws IOException {
    Failure.raise(failure);
  }

  @CachePut(cacheName = CACHE, cacheFor = IOException.class)
  public void saveEvenOnIo(@CacheKey String id, @CacheValue String value, String failure) throws IOException {
    Failure.raise(failure);
  }

  @CachePut(cacheName = CACHE, noCacheFor = IllegalStateException.class)
  public void saveUnlessState(@CacheKey String id, @CacheValue String value, String failure) throws IOException {
    Failure.raise(failure);
  }

  /** Returns what the cache held for the id while the method ran. */
  @CachePut(cacheName = CACHE, afterInvocation = false)
  public Object saveFirst(@CacheKey String id, @CacheValue String value, String failure) throws IOException {
    Object seen = TestCaches.cached(CACHE, id);
    Failure.raise(failure);
    return seen;
  }

  @CacheRemove(cacheName = CACHE)
  public void remove(@CacheKey String id, String failure) throws IOException {
    Failure.raise(failure);
  }

  @CacheRemove(cacheName = CACHE, evictFor = IOException.class)
  public void removeEvenOnIo(@CacheKey String id, String failure) throws IOException {
    Failure.raise(failure);
  }

  @CacheRemove(cacheName = CACHE, noEvictFor = IllegalStateException.class)
  public void removeUnlessState(@CacheKey String id, String failure) throws IOException {
    Failure.raise(failure);
  }

  /** Returns what the cache held for the id while the method ran. */
  @CacheRemove(cacheName = CACHE, afterInvocation = false)
  public Object removeFirst(@CacheKey String id, String failure) throws IOException {
    Object seen = TestCaches.cached(CACHE, id);
    Failure.raise(failure);
    return seen;
  }

  @CacheRemoveAll(cacheName = CACHE)
  public void clear(String failure) throws IOException {
    Failure.raise(failure);
  }

  @CacheRemoveAll(cacheName = CACHE, evictFor = IOException.class)
  public void clearEvenOnIo(String failure) throws IOException {
    Failure.raise(failure);
  }

  /** Returns whether the cache held the id while the method ran. */
  @CacheRemoveAll(cacheName = CACHE, afterInvocation = false)
  public boolean clearFirst(String id, String failure) throws IOException {
    boolean seen = TestCaches.cached(CACHE, id) != null;
    Failure.raise(failure);
    return seen;
  }
}
