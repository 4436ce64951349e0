package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** cacheFor/noCacheFor, evictFor/noEvictFor and afterInvocation=false. */
@ExtendWith(ArquillianExtension.class)
class PutAndRemoveRulesTest {

  private static final String CACHE = InventoryBean.CACHE;

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(InventoryBean.class, Failure.class);
  }

  @Inject
  InventoryBean inventory;

  @Test
  void anyExceptionPreventsThePutByDefault() {
    assertThrows(IllegalStateException.class, () -> inventory.save("p1", "v", "state"));
    assertThrows(IOException.class, () -> inventory.save("p1", "v", "io"));
    assertNull(TestCaches.cached(CACHE, "p1"));
  }

  @Test
  void cacheForPutsOnlyForListedExceptions() throws IOException {
    assertThrows(IllegalStateException.class, () -> inventory.saveEvenOnIo("p2", "v", "state"));
    assertNull(TestCaches.cached(CACHE, "p2"));

    assertThrows(IOException.class, () -> inventory.saveEvenOnIo("p2", "v", "io"));
    assertEquals("v", TestCaches.cached(CACHE, "p2"));
  }

  @Test
  void noCacheForPutsForAllButListedExceptions() {
    assertThrows(IllegalStateException.class, () -> inventory.saveUnlessState("p3", "v", "state"));
    assertNull(TestCaches.cached(CACHE, "p3"));

    assertThrows(IOException.class, () -> inventory.saveUnlessState("p3", "v", "io"));
    assertEquals("v", TestCaches.cached(CACHE, "p3"));
  }

  @Test
  void putBeforeInvocationHappensEvenWhenTheMethodFails() throws IOException {
    assertEquals("v1", inventory.saveFirst("p4", "v1", "none"), "the value is in the cache while the method runs");
    assertThrows(IllegalStateException.class, () -> inventory.saveFirst("p4", "v2", "state"));
    assertEquals("v2", TestCaches.cached(CACHE, "p4"));
  }

  @Test
  void nullCacheValueRemovesTheKey() throws IOException {
    inventory.save("p5", "v", "none");
    inventory.save("p5", null, "none");
    assertNull(TestCaches.cached(CACHE, "p5"));
  }

  @Test
  void anyExceptionPreventsTheRemovalByDefault() throws IOException {
    inventory.save("r1", "v", "none");
    assertThrows(IOException.class, () -> inventory.remove("r1", "io"));
    assertEquals("v", TestCaches.cached(CACHE, "r1"));

    inventory.remove("r1", "none");
    assertNull(TestCaches.cached(CACHE, "r1"));
  }

  @Test
  void evictForRemovesOnlyForListedExceptions() throws IOException {
    inventory.save("r2", "v", "none");
    assertThrows(IllegalStateException.class, () -> inventory.removeEvenOnIo("r2", "state"));
    assertEquals("v", TestCaches.cached(CACHE, "r2"));

    assertThrows(IOException.class, () -> inventory.removeEvenOnIo("r2", "io"));
    assertNull(TestCaches.cached(CACHE, "r2"));
  }

  @Test
  void noEvictForRemovesForAllButListedExceptions() throws IOException {
    inventory.save("r3", "v", "none");
    assertThrows(IllegalStateException.class, () -> inventory.removeUnlessState("r3", "state"));
    assertEquals("v", TestCaches.cached(CACHE, "r3"));

    assertThrows(IOException.class, () -> inventory.removeUnlessState("r3", "io"));
    assertNull(TestCaches.cached(CACHE, "r3"));
  }

  @Test
  void removeBeforeInvocationHappensEvenWhenTheMethodFails() throws IOException {
    inventory.save("r4", "v", "none");
    assertNull(inventory.removeFirst("r4", "none"), "already removed while the method runs");

    inventory.save("r4", "v", "none");
    assertThrows(IOException.class, () -> inventory.removeFirst("r4", "io"));
    assertNull(TestCaches.cached(CACHE, "r4"));
  }

  @Test
  void removeAllFollowsEvictForAndAfterInvocation() throws IOException {
    inventory.save("a1", "v", "none");
    assertThrows(IOException.class, () -> inventory.clear("io"));
    assertEquals("v", TestCaches.cached(CACHE, "a1"), "default: an exception prevents removeAll");

    assertThrows(IOException.class, () -> inventory.clearEvenOnIo("io"));
    assertNull(TestCaches.cached(CACHE, "a1"), "evictFor = IOException");

    inventory.save("a2", "v", "none");
    assertFalse(inventory.clearFirst("a2", "none"), "afterInvocation = false empties the cache first");
    inventory.save("a2", "v", "none");
    assertThrows(IllegalStateException.class, () -> inventory.clearFirst("a2", "state"));
    assertNull(TestCaches.cached(CACHE, "a2"));
  }
}
