package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/** A bean using each annotation once, over a map that plays the slow source of truth. */
@ApplicationScoped
public class BlogBean {

  static final String CACHE = "blog";

  private final Map<String, String> store = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();

  /** The source of truth, changed behind the cache's back. */
  public Map<String, String> store() {
    return store;
  }

  /** Calls that reached a {@code @CacheResult} method body. */
  public AtomicInteger reads() {
    return reads;
  }

  @CacheResult(cacheName = CACHE)
  public String read(String title) {
    reads.incrementAndGet();
    return store.get(title);
  }

  @CacheResult(cacheName = CACHE)
  public String readTraced(String requestId, @CacheKey String title, long traceId) {
    reads.incrementAndGet();
    return store.get(title);
  }

  @CacheResult
  public String readFromDefaultCache(String title, int revision) {
    reads.incrementAndGet();
    return title + "@" + revision;
  }

  @CachePut(cacheName = CACHE)
  public void write(String title, @CacheValue String body) {
    store.put(title, body);
  }

  @CacheRemove(cacheName = CACHE)
  public void delete(String title) {
    store.remove(title);
  }

  @CacheRemoveAll(cacheName = CACHE)
  public void deleteAll() {
    store.clear();
  }
}
