package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.cdi.TiffinCacheExtension;
import dev.tiffin.cdi.config.ExtensionSettings;
import dev.tiffin.cdi.testing.TestCaches;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Over Tiffin, single flight holds across JVMs. Two independent Weld containers stand for two JVMs:
 * each has its own extension and in-JVM {@code SingleFlight}, so only the lock Tiffin keeps in the
 * shared SQLite store can make their leaders take turns.
 */
@EnabledIf("dev.tiffin.cdi.inject.TiffinInjectionTest#overTiffin")
class SharedStoreSingleFlightTest {

  private static final int CALLERS_PER_CONTAINER = 4;
  private static final String SETTING = ExtensionSettings.name(SharedStoreLoader.SHARED, ExtensionSettings.SINGLE_FLIGHT);

  private static WeldContainer first;
  private static WeldContainer second;

  @BeforeAll
  static void boot() {
    System.setProperty(SETTING, "true");
    first = container("shared-store-a");
    second = container("shared-store-b");
  }

  @AfterAll
  static void shutDown() {
    second.close();
    first.close();
    System.clearProperty(SETTING);
  }

  private static WeldContainer container(String id) {
    return new Weld(id).disableDiscovery().addExtension(new TiffinCacheExtension())
        .addBeanClasses(SharedStoreLoader.class).initialize();
  }

  @BeforeEach
  void reset() {
    SharedStoreLoader.CALLS.set(0);
    SharedStoreLoader.lockHeldDuringCall = null;
    TestCaches.clear(SharedStoreLoader.SHARED, SharedStoreLoader.UNSHARED);
  }

  @Test
  void eightCallersInTwoContainersShareOneInvocation() throws Exception {
    List<Object> values = race(SharedStoreLoader::load, "k1");

    assertEquals(1, SharedStoreLoader.CALLS.get(), "the method ran once for 2 containers x 4 callers");
    assertEquals(2 * CALLERS_PER_CONTAINER, values.size());
    assertEquals(Set.of("k1 loaded by call 1"), new HashSet<>(values));
    assertEquals(Boolean.TRUE, SharedStoreLoader.lockHeldDuringCall, "the store lock was taken during the call");
    assertEquals("k1 loaded by call 1", TestCaches.cached(SharedStoreLoader.SHARED, "k1"));
  }

  @Test
  void withoutSingleFlightTheContainersEachRunTheMethod() throws Exception {
    List<Object> values = race(SharedStoreLoader::loadUnshared, "k2");

    assertTrue(SharedStoreLoader.CALLS.get() > 1, "ran " + SharedStoreLoader.CALLS.get() + " times");
    assertTrue(new HashSet<>(values).size() > 1, values.toString());
  }

  /** Callers in both containers, released together by a latch; returns every caller's value. */
  private static List<Object> race(LoaderCall call, String key) throws Exception {
    int callers = 2 * CALLERS_PER_CONTAINER;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch ready = new CountDownLatch(callers);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> results = new ArrayList<>();
      for (WeldContainer container : List.of(first, second)) {
        SharedStoreLoader loader = container.select(SharedStoreLoader.class).get();
        for (int i = 0; i < CALLERS_PER_CONTAINER; i++) {
          results.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            return call.apply(loader, key);
          }));
        }
      }
      assertTrue(ready.await(20, TimeUnit.SECONDS), "callers started");
      go.countDown();
      List<Object> values = new ArrayList<>();
      for (Future<Object> result : results) {
        values.add(result.get(30, TimeUnit.SECONDS));
      }
      return values;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface LoaderCall {
    Object apply(SharedStoreLoader loader, String key) throws Exception;
  }
}
