package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

/** Class-level {@code @CacheDefaults}: cache name and key generator for every method that names none. */
@ApplicationScoped
@CacheDefaults(cacheName = "catalog", cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
public class CatalogBean {

  private final AtomicInteger calls = new AtomicInteger();

  public AtomicInteger calls() {
    return calls;
  }

  @CacheResult
  public String find(String sku) {
    calls.incrementAndGet();
    return "item " + sku;
  }

  @CacheRemove
  public void forget(String sku) {
  }

  @CacheResult(cacheName = "catalog-special")
  public String special(String sku) {
    calls.incrementAndGet();
    return "special " + sku;
  }
}
