package dev.tiffin.cdi.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tiffin.cdi.NamedCache;
import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @Inject CachingProvider}, {@code CacheManager} and {@code @NamedCache Cache<K, V>}. */
@ExtendWith(ArquillianExtension.class)
class JCacheInjectionTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(UserDirectory.class);
  }

  @Inject
  CachingProvider provider;

  @Inject
  CacheManager manager;

  @Inject
  @NamedCache("typed-on-demand")
  Cache<String, Long> typed;

  @Inject
  @NamedCache("untyped-on-demand")
  Cache<Object, Object> untyped;

  @Inject
  UserDirectory users;

  @Inject
  @Any
  Instance<Object> instances;

  @Test
  void providerAndManagerAreTheDefaultOnes() {
    assertSame(TestCaches.provider(), provider);
    assertSame(TestCaches.manager(), manager);
  }

  @Test
  void namedCacheIsCreatedWithTheInjectionPointsTypes() {
    CompleteConfiguration<?, ?> configuration = configuration(typed);
    assertEquals(String.class, configuration.getKeyType());
    assertEquals(Long.class, configuration.getValueType());
    assertSame(manager.getCache("typed-on-demand"), typed);
  }

  @Test
  void objectTypeArgumentsGiveAnUntypedCache() {
    CompleteConfiguration<?, ?> configuration = configuration(untyped);
    assertEquals(Object.class, configuration.getKeyType());
    assertEquals(Object.class, configuration.getValueType());
  }

  @Test
  void anExistingCacheIsReturnedAsConfigured() {
    Cache<String, String> created = manager.createCache("pre-existing",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class).setStatisticsEnabled(true));

    Cache<String, String> existing = namedCache("pre-existing").get();

    assertSame(created, existing);
    assertEquals(true, configuration(existing).isStatisticsEnabled());
  }

  @Test
  void constructorInjectionOfANamedCacheWorks() {
    users.remember("ann", 41);
    assertEquals(41, users.age("ann"));
    assertEquals(41, manager.getCache("user-ages").get("ann"));
  }

  @Test
  void destroyingInjectedInstancesClosesNothing() {
    Instance<CacheManager> managers = instances.select(CacheManager.class);
    CacheManager injected = managers.get();
    managers.destroy(injected);

    Instance<Cache<String, String>> caches = namedCache("closing-check");
    Cache<String, String> cache = caches.get();
    caches.destroy(cache);

    assertFalse(injected.isClosed());
    assertFalse(cache.isClosed());
  }

  @SuppressWarnings("unchecked")
  private static CompleteConfiguration<?, ?> configuration(Cache<?, ?> cache) {
    return cache.getConfiguration(CompleteConfiguration.class);
  }

  private Instance<Cache<String, String>> namedCache(String name) {
    return instances.select(new TypeLiteral<Cache<String, String>>() { }, NamedCache.Literal.of(name));
  }
}
