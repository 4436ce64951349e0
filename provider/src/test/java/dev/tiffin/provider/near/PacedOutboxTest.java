package dev.tiffin.provider.near;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The publisher's outbox: what is queued arrives together, a sleeping sender is woken by a write. */
class PacedOutboxTest {

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  @Test
  void whatWasQueuedBeforeABeatArrivesInOneBatchInOrder() {
    PacedOutbox<String> outbox = new PacedOutbox<>(TimeUnit.MICROSECONDS.toNanos(200), 5);
    outbox.add("a");
    outbox.add("b");
    outbox.add("c");
    assertEquals(List.of("a", "b", "c"), outbox.next(HOUR));
  }

  @Test
  void aQuietOutboxReturnsNothingOnceItsIdleTimeIsUp() {
    PacedOutbox<String> outbox = new PacedOutbox<>(TimeUnit.MICROSECONDS.toNanos(100), 0);
    assertEquals(List.of(), outbox.next(TimeUnit.MILLISECONDS.toNanos(5)));
  }

  @Test
  void aWriteWakesASleepingSenderLongBeforeItsIdleTimeIsUp() throws Exception {
    PacedOutbox<String> outbox = new PacedOutbox<>(TimeUnit.MICROSECONDS.toNanos(100), 0);
    AtomicReference<Thread> sender = new AtomicReference<>();
    CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
      sender.set(Thread.currentThread());
      return outbox.next(HOUR);
    });
    awaitSleeping(sender, outbox);
    outbox.add("woken");
    // Unwoken, the sender would sleep for an hour.
    assertEquals(List.of("woken"), received.get(30, TimeUnit.SECONDS));
  }

  private static void awaitSleeping(AtomicReference<Thread> sender, PacedOutbox<String> outbox) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sender.get() == null || LockSupport.getBlocker(sender.get()) != outbox) {
      assertFalse(System.nanoTime() > deadline, "the sender never went to sleep");
      Thread.sleep(1);
    }
  }
}
