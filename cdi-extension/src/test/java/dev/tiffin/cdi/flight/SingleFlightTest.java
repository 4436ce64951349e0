package dev.tiffin.cdi.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-flight bookkeeping, without a container (the 8-thread race is in the interceptor tests). */
class SingleFlightTest {

  private final SingleFlight flights = new SingleFlight();

  @Test
  void recursiveCallOnTheLeadersThreadRunsInsteadOfWaitingForItself() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    Object result = flights.run("cache", "k", false, () -> {
      loads.incrementAndGet();
      return "outer+" + flights.run("cache", "k", false, () -> {
        loads.incrementAndGet();
        return "inner";
      });
    });
    assertEquals("outer+inner", result);
    assertEquals(2, loads.get());
    assertEquals(0, flights.inFlight());
  }

  @Test
  void asynchronousFlightLastsUntilTheStageCompletes() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    AtomicInteger loads = new AtomicInteger();
    Object leader = flights.run("cache", "k", true, () -> {
      loads.incrementAndGet();
      return source;
    });
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> follower = (CompletableFuture<Object>) flights.run("cache", "k", true, () -> {
      loads.incrementAndGet();
      return CompletableFuture.completedFuture("second load");
    });
    assertSame(source, leader);
    assertEquals(1, loads.get());
    assertFalse(follower.isDone());

    source.complete("value");

    assertEquals("value", follower.join());
    assertEquals(0, flights.inFlight());
  }

  @Test
  void differentKeysOrCachesDoNotShareAFlight() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    flights.run("cache", "a", true, () -> pending);
    assertEquals("b", flights.run("cache", "b", false, () -> "b"));
    assertEquals("a elsewhere", flights.run("other cache", "a", false, () -> "a elsewhere"));
    pending.complete("done");
  }

  @Test
  void aFailedLoadEndsTheFlight() {
    assertThrows(IllegalStateException.class, () -> flights.run("cache", "k", false, () -> {
      throw new IllegalStateException("boom");
    }));
    assertEquals(0, flights.inFlight());
  }
}
