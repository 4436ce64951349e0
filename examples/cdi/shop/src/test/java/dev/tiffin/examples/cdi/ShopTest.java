package dev.tiffin.examples.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.examples.support.Backend;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.Optional;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Boots the application in whichever CDI SE container is on the class path (Weld or OpenWebBeans) and proves that
 * {@code @CacheResult} answers the second call from the cache, that {@code @CacheRemove} evicts, and
 * that the {@code @NamedCache} injection is a working cache. The whole class runs once per {@link Backend}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ShopTest {

  /** This run's backend, shown in the test names; {@link #boot} receives the same one. */
  @Parameter
  Backend backend;

  private static Backend.InUse backendInUse;
  private static SeContainer container;

  @BeforeParameterizedClassInvocation
  static void boot(Backend chosen) {
    container = null;
    backendInUse = chosen.use();
    container = SeContainerInitializer.newInstance().initialize();
  }

  @AfterParameterizedClassInvocation
  static void shutDown() {
    try {
      if (container != null) {
        container.close();
      }
    } finally {
      backendInUse.close();
    }
  }

  @Test
  void cacheResultAnswersTheSecondCallFromTheCache() {
    PriceService prices = container.select(PriceService.class).get();
    Price first = prices.price("kettle");
    int computations = prices.computations();

    Price second = prices.price("kettle");

    assertEquals(computations, prices.computations(), "the second call must not run the method");
    assertEquals(first, second);
    assertEquals(new Price("kettle", 600), second);
  }

  @Test
  void cacheRemoveMakesTheNextCallCompute() {
    PriceService prices = container.select(PriceService.class).get();
    prices.price("toaster");
    int before = prices.computations();

    prices.reprice("toaster");
    prices.price("toaster");
    prices.price("toaster");

    assertEquals(before + 1, prices.computations());
  }

  @Test
  void theInjectedNamedCacheKeepsValues() {
    Showcase showcase = container.select(Showcase.class).get();

    showcase.feature("teapot");

    assertEquals(Optional.of(new Price("teapot", 600)), showcase.featuredPrice("teapot"));
    assertEquals(new Price("teapot", 600),
        Caching.getCachingProvider().getCacheManager().getCache("featured").get("teapot"));
  }
}
