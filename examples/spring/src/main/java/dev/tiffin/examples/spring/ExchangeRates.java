package dev.tiffin.examples.spring;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import org.springframework.stereotype.Service;

/** Cached with the standard JSR-107 annotations, which Spring runs through its JCache interceptor. */
@Service
public class ExchangeRates {

  private final AtomicInteger lookups = new AtomicInteger();

  /** A remote call in real life; the result is kept in the "rates" cache by currency. */
  @CacheResult(cacheName = "rates")
  public Rate rate(String currency) {
    lookups.incrementAndGet();
    return new Rate(currency, new BigDecimal("1.08"));
  }

  /** Drops the currency's rate: the next {@link #rate} looks it up again. */
  @CacheRemove(cacheName = "rates")
  public void forget(String currency) {
  }

  /** How many times {@link #rate} really ran. */
  public int lookups() {
    return lookups.get();
  }
}
