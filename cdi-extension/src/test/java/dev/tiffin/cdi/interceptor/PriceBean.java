package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

/** Class-level {@code @CacheResult}: every business method is cached, unless a method says otherwise. */
@ApplicationScoped
@CacheResult
public class PriceBean {

  /** Static, since every instance method of this class is cached, a counter getter included. */
  private static final AtomicInteger CALLS = new AtomicInteger();

  static int calls() {
    return CALLS.get();
  }

  public String price(String sku) {
    CALLS.incrementAndGet();
    return "price of " + sku;
  }

  public String tax(String sku, int percent) {
    CALLS.incrementAndGet();
    return percent + "% of " + sku;
  }

  @CacheRemove(cacheName = "dev.tiffin.cdi.interceptor.PriceBean.price(java.lang.String)")
  public void reprice(String sku) {
    CALLS.incrementAndGet();
  }
}
