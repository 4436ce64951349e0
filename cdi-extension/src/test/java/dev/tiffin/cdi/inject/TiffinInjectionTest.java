package dev.tiffin.cdi.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.cdi.NamedCache;
import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.cache.Cache;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/** Over Tiffin, {@code @Inject @NamedCache TiffinCache<K, V>} gives the extension API of that named cache. */
@ExtendWith(ArquillianExtension.class)
@EnabledIf("dev.tiffin.cdi.inject.TiffinInjectionTest#overTiffin")
class TiffinInjectionTest {

  static boolean overTiffin() {
    return TestCaches.provider().getClass().getName().startsWith("dev.tiffin.");
  }

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive();
  }

  @Inject
  @NamedCache("tiffin-extension")
  TiffinCache<String, String> tiffin;

  @Inject
  @NamedCache("tiffin-extension")
  Cache<String, String> cache;

  @Test
  void extensionApiOfTheNamedCacheIsInjected() {
    assertFalse(tiffin.ping().isNegative());
    tiffin.put("k", "v", Duration.ofMinutes(1));
    assertEquals("v", cache.get("k"), "the same cache behind both injection points");
    assertTrue(tiffin.expire("k", Duration.ZERO));
    assertNull(cache.get("k"));
  }
}
