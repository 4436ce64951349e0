package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiffin.cdi.annotation.DeepCacheKey;
import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Custom key generators and resolver factories, as beans or as plain classes. */
@ExtendWith(ArquillianExtension.class)
class KeyGeneratorAndResolverTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(KeyedBean.class, RecordingKeyGenerator.class, SecondManagerResolverFactory.class,
        CaseInsensitiveKeyGenerator.class);
  }

  @Inject
  KeyedBean bean;

  @Inject
  RecordingKeyGenerator recorder;

  @Inject
  SecondManagerResolverFactory secondManager;

  @Test
  void plainClassKeyGeneratorIsInstantiatedAndUsed() {
    int before = bean.calls().get();
    assertEquals("Hello Ann", bean.greet("Ann"));
    assertEquals("Hello Ann", bean.greet("ANN"));
    assertEquals(before + 1, bean.calls().get());
    assertEquals("Hello Ann", TestCaches.cached("greetings", "ann"));
  }

  @Test
  void keyGeneratorBeanGetsTheKeyParametersOnly() {
    bean.describe("x", 7, "en");

    assertEquals("described keys=[1:int=7, 2:String=en] all=3 annotation=CacheResult target=true unwrap=true",
        recorder.seen());
    int before = bean.calls().get();
    assertEquals("x7en", bean.describe("other label", 7, "en"));
    assertEquals(before, bean.calls().get());
  }

  @Test
  void resolverFactoryBeanIsAskedOnceAndItsCachesAreUsed() {
    bean.remote("1");
    bean.remote("2");
    bean.remote("1");

    assertEquals(1, secondManager.resolvers());
    assertEquals("remote 1", TestCaches.secondManager().getCache("elsewhere").get(new DeepCacheKey("1")));
    assertNull(TestCaches.cache("elsewhere"), "nothing in the default manager");
  }
}
