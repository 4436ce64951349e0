package dev.tiffin.examples.boot;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Looks prices up slowly (here: counts the look-ups); the caches make repeated look-ups free. */
@Service
public class PriceService {

  private final AtomicInteger lookups = new AtomicInteger();

  /** Cached in "prices", an eternal cache Boot creates from {@code spring.cache.cache-names}. */
  @Cacheable("prices")
  public Price price(String sku) {
    lookups.incrementAndGet();
    return new Price(sku, new BigDecimal(sku.length()).add(new BigDecimal("0.99")));
  }

  /** Cached in "quotes", declared with {@code tiffin.cache.quotes.expiry}: entries expire as created. */
  @Cacheable("quotes")
  public Price quote(String sku) {
    lookups.incrementAndGet();
    return new Price(sku, BigDecimal.ONE);
  }

  /** Forgets a price. */
  @CacheEvict("prices")
  public void reprice(String sku) {
  }

  /** How many look-ups really ran. */
  public int lookups() {
    return lookups.get();
  }
}
