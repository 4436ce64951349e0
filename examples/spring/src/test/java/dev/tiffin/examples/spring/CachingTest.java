package dev.tiffin.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.examples.support.Backend;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Proves that a second call is answered by the cache (the method does not run again) and that an
 * eviction makes the next call run. The whole class runs once per {@link Backend}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class CachingTest {

  /** This run's backend, shown in the test names; {@link #boot} receives the same one. */
  @Parameter
  Backend backend;

  private static Backend.InUse backendInUse;
  private static AnnotationConfigApplicationContext context;

  @BeforeParameterizedClassInvocation
  static void boot(Backend chosen) {
    context = null;
    backendInUse = chosen.use();
    context = new AnnotationConfigApplicationContext(AppConfig.class);
  }

  @AfterParameterizedClassInvocation
  static void shutDown() {
    try {
      if (context != null) {
        context.close();
      }
    } finally {
      backendInUse.close();
    }
  }

  @Test
  void cacheableAnswersTheSecondCallFromTheCache() {
    ForecastService service = context.getBean(ForecastService.class);
    Forecast first = service.forecast("Lisbon");
    int computations = service.computations();

    Forecast second = service.forecast("Lisbon");

    assertEquals(computations, service.computations(), "the second call must not run the method");
    assertEquals(first, second);
    assertEquals(new Forecast("Lisbon", 18, "cloudy"), second);
  }

  @Test
  void cacheEvictMakesTheNextCallCompute() {
    ForecastService service = context.getBean(ForecastService.class);
    service.forecast("Oslo");
    int before = service.computations();

    service.refresh("Oslo");
    service.forecast("Oslo");
    service.forecast("Oslo");

    assertEquals(before + 1, service.computations());
  }

  @Test
  void cacheResultAnswersTheSecondCallFromTheCache() {
    ExchangeRates rates = context.getBean(ExchangeRates.class);
    Rate first = rates.rate("USD");
    int lookups = rates.lookups();

    Rate second = rates.rate("USD");

    assertEquals(lookups, rates.lookups(), "the second call must not run the method");
    assertEquals(first, second);
    assertEquals(new Rate("USD", new BigDecimal("1.08")), second);
  }

  @Test
  void cacheRemoveMakesTheNextCallLookUp() {
    ExchangeRates rates = context.getBean(ExchangeRates.class);
    rates.rate("JPY");
    int before = rates.lookups();

    rates.forget("JPY");
    rates.rate("JPY");
    rates.rate("JPY");

    assertEquals(before + 1, rates.lookups());
  }
}
