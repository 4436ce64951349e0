package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.cdi.config.ExtensionSettings;
import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import dev.tiffin.cdi.testing.Waiting;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Eight threads miss the same key at the same time: with single flight the method runs once. */
@ExtendWith(ArquillianExtension.class)
class SingleFlightTest {

  private static final int THREADS = 8;
  private static final String SETTING = ExtensionSettings.name(SlowLoader.SHARED, ExtensionSettings.SINGLE_FLIGHT);

  static {
    System.setProperty(SETTING, "true");
  }

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(SlowLoader.class);
  }

  @AfterAll
  static void clearSetting() {
    System.clearProperty(SETTING);
  }

  @Inject
  SlowLoader loader;

  @Test
  void concurrentMissesShareOneInvocation() throws Exception {
    loader.reset(1);
    List<Future<Object>> results = race(() -> loader.load("k1"), () -> loader.calls().get() >= 1);

    Set<Object> values = new HashSet<>();
    for (Future<Object> result : results) {
      values.add(result.get());
    }
    assertEquals(1, loader.calls().get(), "the method ran once for 8 overlapping callers");
    assertEquals(Set.of("k1 loaded by call 1"), values);
    assertEquals("k1 loaded by call 1", TestCaches.cached(SlowLoader.SHARED, "k1"));
  }

  @Test
  void theLeadersExceptionReachesEveryWaiter() throws Exception {
    loader.reset(1);
    List<Future<Object>> results = race(() -> loader.load("fail-1"), () -> loader.calls().get() >= 1);

    for (Future<Object> result : results) {
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, result::get);
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
      assertEquals("cannot load fail-1 (call 1)", e.getCause().getMessage());
    }
    assertEquals(1, loader.calls().get());
  }

  @Test
  void withoutSingleFlightEveryCallerRunsTheMethod() throws Exception {
    loader.reset(THREADS);
    List<Future<Object>> results = race(() -> loader.loadUnshared("k2"), () -> true);

    for (Future<Object> result : results) {
      assertEquals("all inside", result.get(), "all 8 invocations were inside the method at once");
    }
    assertEquals(THREADS, loader.calls().get());
  }

  /**
   * Starts {@link #THREADS} callers together; once all are parked (the leader inside the method,
   * the others waiting for it) and {@code started} holds, opens the loader's gate.
   */
  private List<Future<Object>> race(Callable<Object> call, java.util.function.BooleanSupplier started)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "single-flight-caller");
      threads.add(t);
      return t;
    });
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      AtomicInteger passed = new AtomicInteger();
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        results.add(pool.submit(() -> {
          start.await();
          passed.incrementAndGet();
          return call.call();
        }));
      }
      Waiting.until("all callers are past the barrier and parked",
          () -> passed.get() == THREADS && started.getAsBoolean() && Waiting.allParked(List.copyOf(threads)));
      loader.gate().countDown();
      for (Future<Object> result : results) {
        try {
          result.get();
        } catch (ExecutionException e) {
          // inspected by the caller
        }
      }
      assertTrue(results.stream().allMatch(Future::isDone));
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
