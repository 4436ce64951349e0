package dev.tiffin.spring.boot.boot4;

import dev.tiffin.spring.boot.StoreHealthCheck;
import dev.tiffin.spring.boot.TiffinCacheMeters;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.CacheManager;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot 4 with Actuator or Micrometer: a health indicator per Tiffin store
 * ({@code /actuator/health/tiffin/<store>}) and Tiffin's counters as meters.
 */
@AutoConfiguration(afterName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer")
@ConditionalOnBean(CacheManager.class)
public class TiffinActuatorAutoConfiguration {

  /** The health of every store, one indicator each. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health4 {

    @Bean
    HealthContributor tiffin(CacheManager cacheManager) {
      StoreHealthCheck check = StoreHealthCheck.of(cacheManager);
      Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
      if (check != null) {
        check.storeNames().forEach(store -> indicators.put(store, () -> health(check.check(store))));
      }
      return CompositeHealthContributor.fromMap(indicators);
    }

    private static Health health(StoreHealthCheck.Outcome outcome) {
      Health.Builder builder = outcome.up() ? Health.up()
          : Health.down().withDetail("error", String.valueOf(outcome.failure().getMessage()));
      return builder.withDetails(outcome.details()).build();
    }
  }

  /** Tiffin's counters, bound by Boot's meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Meters4 {

    @Bean
    TiffinCacheMeters tiffinCacheMeters(CacheManager cacheManager) {
      return new TiffinCacheMeters(cacheManager);
    }
  }
}
