package dev.tiffin.examples.boot;

import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reads a Tiffin store's health the way this Boot line's Actuator does (its health types moved in Boot 4). */
final class StoreHealth {

  private StoreHealth() {
  }

  /** The health of {@code store} from the starter's "tiffin" contributor. */
  static Seen of(ApplicationContext context, String store) {
    CompositeHealthContributor tiffin = context.getBean("tiffin", CompositeHealthContributor.class);
    Health health = ((HealthIndicator) tiffin.getContributor(store)).health();
    return new Seen(health.getStatus().getCode(), health.getDetails());
  }

  /** A status code and the details shown with it. */
  record Seen(String status, Map<String, Object> details) {
  }
}
