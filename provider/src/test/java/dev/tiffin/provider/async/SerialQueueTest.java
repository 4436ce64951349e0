package dev.tiffin.provider.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ordered queues on a shared executor, and things opened once per key. */
class SerialQueueTest {

  @Test
  void tasksRunInOrderAndAFailingTaskDoesNotStopTheQueue() {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      SerialQueue queue = new SerialQueue(executor, "test");
      List<Integer> ran = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        int task = i;
        queue.submit(() -> {
          if (task == 500) {
            throw new IllegalStateException("task 500 fails");
          }
          ran.add(task);
        });
      }
      assertTrue(queue.awaitIdle(10, TimeUnit.SECONDS));
      assertEquals(999, ran.size());
      for (int i = 1; i < ran.size(); i++) {
        assertTrue(ran.get(i - 1) < ran.get(i), "in order at " + i);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aShutDownExecutorLeavesTheWorkToTheCaller() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.shutdown();
    AtomicInteger ran = new AtomicInteger();
    new SerialQueue(executor, "test").submit(ran::incrementAndGet);
    assertEquals(1, ran.get());
  }

  @Test
  void openOnceOpensEachKeyOnceAndForgetsFailures() {
    OpenOnce<String, Object> open = new OpenOnce<>();
    AtomicInteger opened = new AtomicInteger();
    Object first = open.get("a", key -> new Object[] {key, opened.incrementAndGet()});
    assertSame(first, open.get("a", key -> new Object()));
    assertEquals(1, opened.get());
    assertThrows(IllegalStateException.class, () -> open.get("b", key -> {
      throw new IllegalStateException("cannot connect");
    }));
    assertEquals("b", open.get("b", key -> key), "a failed opening is tried again");
    assertEquals(2, open.drain().size());
    assertTrue(open.opened().isEmpty());
  }
}
