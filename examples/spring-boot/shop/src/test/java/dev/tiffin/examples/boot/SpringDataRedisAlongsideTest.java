package dev.tiffin.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.examples.support.Backend;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Spring Data Redis on Boot's Jedis and Tiffin on its own embedded Jedis, in one application, one server. */
class SpringDataRedisAlongsideTest {

  @Test
  void bothWorkAgainstTheSameServer() {
    try (Backend.InUse ignored = Backend.REDIS.use()) {
      int port = URI.create(System.getProperty("tiffin.store.default.uri")).getPort();
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
          .properties("spring.data.redis.port=" + port, "spring.data.redis.client-type=jedis").run()) {
        StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
        template.opsForValue().set("spring-data:greeting", "hello");
        assertEquals("hello", template.opsForValue().get("spring-data:greeting"));

        PriceService prices = context.getBean(PriceService.class);
        int before = prices.lookups();
        String sku = "sku-" + java.util.UUID.randomUUID();
        prices.price(sku);
        prices.price(sku);
        assertEquals(before + 1, prices.lookups());
      }
    }
  }
}
