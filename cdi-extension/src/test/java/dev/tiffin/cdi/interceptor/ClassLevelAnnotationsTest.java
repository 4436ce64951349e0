package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Type-level {@code @CacheDefaults} and a type-level cache annotation. */
@ExtendWith(ArquillianExtension.class)
class ClassLevelAnnotationsTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(CatalogBean.class, PriceBean.class, CaseInsensitiveKeyGenerator.class);
  }

  @Inject
  CatalogBean catalog;

  @Inject
  PriceBean prices;

  @Test
  void cacheDefaultsSupplyNameAndKeyGenerator() {
    int before = catalog.calls().get();
    assertEquals("item A-1", catalog.find("A-1"));
    assertEquals("item A-1", catalog.find("a-1"));

    assertEquals(before + 1, catalog.calls().get());
    assertEquals("item A-1", TestCaches.cached("catalog", "a-1"));
  }

  @Test
  void cacheDefaultsApplyToRemoveToo() {
    catalog.find("B-2");
    catalog.forget("b-2");
    assertNull(TestCaches.cached("catalog", "b-2"));
  }

  @Test
  void methodCacheNameWinsOverCacheDefaults() {
    catalog.special("C-3");
    assertEquals("special C-3", TestCaches.cached("catalog-special", "c-3"));
    assertNull(TestCaches.cached("catalog", "c-3"));
  }

  @Test
  void typeLevelCacheResultCachesEveryMethodUnderItsDefaultName() {
    int before = PriceBean.calls();
    prices.price("p");
    prices.price("p");
    prices.tax("p", 20);
    prices.tax("p", 20);

    assertEquals(before + 2, PriceBean.calls());
    assertEquals("price of p", TestCaches.cached(PriceBean.class.getName() + ".price(java.lang.String)", "p"));
    assertEquals("20% of p", TestCaches.cached(PriceBean.class.getName() + ".tax(java.lang.String,int)", "p", 20));
  }

  @Test
  void methodLevelAnnotationOverridesTheTypeLevelOne() {
    prices.price("q");
    int before = PriceBean.calls();

    prices.reprice("q");
    prices.reprice("q");

    assertEquals(before + 2, PriceBean.calls(), "reprice is a @CacheRemove method, never answered from a cache");
    assertNull(TestCaches.cached(PriceBean.class.getName() + ".price(java.lang.String)", "q"));
  }
}
