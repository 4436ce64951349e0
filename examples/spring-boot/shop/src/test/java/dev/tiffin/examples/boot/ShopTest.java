package dev.tiffin.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.examples.support.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop on Spring Boot with nothing but the starter: Tiffin is chosen by itself, {@code @Cacheable}
 * hits, a Tiffin setting from {@code application.properties} applies, the store's health shows, and
 * Boot's cache meters count. Once on the SQLite default, once on Redis (a URI and a signing key).
 */
class ShopTest {

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theShopCachesThroughTiffin(Backend backend) {
    try (Backend.InUse ignored = backend.use();
         ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class).run()) {
      assertEquals("dev.tiffin.provider.TiffinCachingProvider",
          context.getBean(javax.cache.CacheManager.class).getCachingProvider().getClass().getName());

      PriceService prices = context.getBean(PriceService.class);
      // A new SKU each run: the store outlives the application (that is the point), so an earlier run's
      // prices are still cached.
      String sku = "sku-" + UUID.randomUUID();
      int before = prices.lookups();
      Price first = prices.price(sku);
      assertEquals(first, prices.price(sku));
      assertEquals(before + 1, prices.lookups(), "the second call is a cache hit");
      prices.reprice(sku);
      prices.price(sku);
      assertEquals(before + 2, prices.lookups(), "an evicted price is looked up again");
      prices.quote("q");
      prices.quote("q");
      assertEquals(before + 4, prices.lookups(), "tiffin.cache.quotes.expiry=created:0s keeps nothing");

      StoreHealth.Seen health = StoreHealth.of(context, "default");
      assertEquals("UP", health.status(), health.toString());
      assertEquals(backend == Backend.SQLITE ? "SQLite" : "Redis", health.details().get("product"));
      assertTrue(health.details().containsKey("version"), health.toString());
      System.out.println("Health of Tiffin's default store on " + backend + ": " + health);

      MeterRegistry meters = context.getBean(MeterRegistry.class);
      double hits = meters.get("cache.gets").tags("cache", "prices", "result", "hit").functionCounter().count();
      assertTrue(hits >= 1, "Boot's cache meters saw no hit: " + hits);
      assertEquals(0, meters.get("tiffin.cache.unreadable").tag("cache", "prices").functionCounter().count());
    }
  }
}
