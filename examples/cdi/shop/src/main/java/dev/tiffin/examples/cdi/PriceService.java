package dev.tiffin.examples.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

/** Cached with the standard JSR-107 annotations, which tiffin-cdi runs on CDI beans. */
@ApplicationScoped
public class PriceService {

  private final AtomicInteger computations = new AtomicInteger();

  /** A slow computation in real life; the result is kept in the "prices" cache by SKU. */
  @CacheResult(cacheName = "prices")
  public Price price(String sku) {
    computations.incrementAndGet();
    return new Price(sku, 100L * sku.length());
  }

  /** Drops the SKU's price: the next {@link #price} computes it again. */
  @CacheRemove(cacheName = "prices")
  public void reprice(String sku) {
  }

  /** How many times {@link #price} really ran. */
  public int computations() {
    return computations.get();
  }
}
