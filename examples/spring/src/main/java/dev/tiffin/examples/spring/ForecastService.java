package dev.tiffin.examples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Cached with Spring's own annotations. */
@Service
public class ForecastService {

  private final AtomicInteger computations = new AtomicInteger();

  /** A slow computation in real life; the result is kept in the "forecasts" cache by city. */
  @Cacheable("forecasts")
  public Forecast forecast(String city) {
    computations.incrementAndGet();
    return new Forecast(city, 12 + city.length(), "cloudy");
  }

  /** Drops the city's forecast: the next {@link #forecast} computes it again. */
  @CacheEvict("forecasts")
  public void refresh(String city) {
  }

  /** How many times {@link #forecast} really ran. */
  public int computations() {
    return computations.get();
  }
}
