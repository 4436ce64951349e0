package dev.tiffin.examples.boot;

import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.context.ApplicationContext;

/** Reads a Tiffin store's health from Actuator's health endpoint, as Boot 4 shapes it (its types moved). */
final class StoreHealth {

  private StoreHealth() {
  }

  /** What {@code /actuator/health/tiffin/<store>} answers. */
  static Seen of(ApplicationContext context, String store) {
    IndicatedHealthDescriptor health = (IndicatedHealthDescriptor) context.getBean(HealthEndpoint.class)
        .healthForPath("tiffin", store);
    return new Seen(health.getStatus().getCode(), health.getDetails());
  }

  /** A status code and the details shown with it. */
  record Seen(String status, Map<String, Object> details) {
  }
}
