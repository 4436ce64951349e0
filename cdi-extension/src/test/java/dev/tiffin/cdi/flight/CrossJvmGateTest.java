package dev.tiffin.cdi.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.cdi.annotation.OnDemandCaches;
import dev.tiffin.cdi.testing.TestCaches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/** The gate around a leader's load, over a recording lock; and which providers get one. */
class CrossJvmGateTest {

  /** Records acquire/release; the lock is "held" between them. */
  private static final class RecordingLock implements FlightLocks {
    final List<String> log = new ArrayList<>();
    RuntimeException acquireFailure;
    RuntimeException releaseFailure;

    boolean held() {
      return !log.isEmpty() && log.get(log.size() - 1).startsWith("acquire");
    }

    @Override
    public Runnable acquire(Object key) {
      if (acquireFailure != null) {
        throw acquireFailure;
      }
      log.add("acquire " + key);
      return () -> {
        log.add("release " + key);
        if (releaseFailure != null) {
          throw releaseFailure;
        }
      };
    }
  }

  private final RecordingLock lock = new RecordingLock();
  private final CrossJvmGate gate = new CrossJvmGate("cache", "c", lock);

  @Test
  void loadRunsHoldingTheLockWhichIsReleasedAfterwardsEvenOnFailure() throws Exception {
    assertEquals("v", gate.run("k", false, () -> {
      assertTrue(lock.held());
      return "v";
    }));
    assertThrows(IllegalStateException.class, () -> gate.run("k", false, () -> {
      throw new IllegalStateException("boom");
    }));
    assertEquals(List.of("acquire k", "release k", "acquire k", "release k"), lock.log);
  }

  @Test
  void asynchronousLoadHoldsTheLockUntilItsStageCompletes() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<?> returned = (CompletableFuture<?>) gate.run("k", true, () -> source);
    assertTrue(lock.held());
    assertFalse(returned.isDone());
    source.complete("v");
    assertEquals("v", returned.join());
    assertEquals(List.of("acquire k", "release k"), lock.log);
  }

  @Test
  void recursiveCallOnTheHoldersThreadRunsWithoutWaitingForItself() throws Exception {
    Object result = gate.run("k", false, () -> "outer+" + gate.run("k", false, () -> "inner"));
    assertEquals("outer+inner", result);
    assertEquals(List.of("acquire k", "release k"), lock.log);
  }

  @Test
  void lockNotHadInTimeStillRunsTheMethod() throws Exception {
    lock.acquireFailure = new CacheException("Timed out after PT30S waiting for the lock on key k of cache c");
    assertEquals("v", gate.run("k", false, () -> "v"));
  }

  @Test
  void failedReleaseNeitherHidesTheResultNorFailsTheCall() throws Exception {
    lock.releaseFailure = new CacheException("store down");
    assertEquals("v", gate.run("k", false, () -> "v"));
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<?> returned = (CompletableFuture<?>) gate.run("k", true, () -> source);
    source.complete("w");
    assertEquals("w", returned.join());
  }

  @Test
  void onlyATiffinCacheHasAGate() {
    CrossJvmGate found = CrossJvmGate.of(OnDemandCaches.getOrCreate(TestCaches.manager(), "gate-lookup",
        Object.class, Object.class));
    if (TestCaches.provider().getClass().getName().startsWith("dev.tiffin.")) {
      assertNotNull(found);
    } else {
      assertNull(found, "another provider: single flight stays per JVM");
    }
  }
}
