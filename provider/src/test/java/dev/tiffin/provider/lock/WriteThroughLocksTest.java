package dev.tiffin.provider.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.time.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Write-through locks over a memory store: turns within a JVM, leases across JVMs, no deadlock in bulk. */
class WriteThroughLocksTest {

  private final FakeTime time = new FakeTime();
  private final MemoryStore store = new MemoryStore();
  private final KeyCodec keys = new KeyCodec("app", "c", written -> { });
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** The locks one JVM holds; two instances over one store stand for two JVMs. */
  private WriteThroughLocks jvm(Duration lease, Duration wait) {
    return new WriteThroughLocks(new LockSpace("c", store, keys, time, time), lease, wait);
  }

  private KeyLocks.Held lock(WriteThroughLocks locks, String key) {
    return locks.lock(key, keys.encode(key));
  }

  @Test
  void aSecondWriterInTheSameJvmWaitsForTheFirst() throws Exception {
    WriteThroughLocks locks = jvm(Duration.ofSeconds(30), Duration.ofSeconds(30));
    CountDownLatch secondTookIt = new CountDownLatch(1);
    Future<?> second;
    try (KeyLocks.Held first = lock(locks, "k")) {
      second = threads.submit(() -> {
        try (KeyLocks.Held held = lock(locks, "k")) {
          secondTookIt.countDown();
        }
      });
      assertFalse(secondTookIt.await(200, TimeUnit.MILLISECONDS), "the second writer got in while the first held");
    }
    assertTrue(secondTookIt.await(5, TimeUnit.SECONDS), "the second writer never got in after the first left");
    second.get();
  }

  @Test
  void aWriterInTheSameJvmGivesUpWithAClearErrorAfterItsWait() throws Exception {
    WriteThroughLocks locks = jvm(Duration.ofSeconds(30), Duration.ofMillis(50));
    try (KeyLocks.Held first = lock(locks, "k")) {
      Future<CacheException> second = threads.submit(() -> assertThrows(CacheException.class, () -> lock(locks, "k")));
      String message = second.get(5, TimeUnit.SECONDS).getMessage();
      assertTrue(message.startsWith("Timed out after PT0.05S waiting to write key k of cache c"), message);
    }
  }

  @Test
  void anotherJvmWaitsForTheLeaseAndFailsWhenItOutlastsTheWait() {
    WriteThroughLocks here = jvm(Duration.ofSeconds(30), Duration.ofSeconds(2));
    WriteThroughLocks there = jvm(Duration.ofSeconds(30), Duration.ofSeconds(2));
    try (KeyLocks.Held held = lock(here, "k")) {
      long started = time.nanoTime();
      CacheException e = assertThrows(CacheException.class, () -> lock(there, "k"));
      assertTrue(e.getMessage().contains("waiting for the lock on key k of cache c"), e.getMessage());
      assertTrue(time.nanoTime() - started >= TimeUnit.SECONDS.toNanos(2), "gave up before its wait");
    }
    lock(there, "k").close();
  }

  @Test
  void aLeaseLeftByADeadJvmRunsOutAndIsTakenOver() {
    WriteThroughLocks dead = jvm(Duration.ofSeconds(1), Duration.ofSeconds(1));
    WriteThroughLocks alive = jvm(Duration.ofSeconds(30), Duration.ofSeconds(5));
    lock(dead, "k"); // never released: its JVM died holding it
    long started = time.nanoTime();

    try (KeyLocks.Held held = lock(alive, "k")) {
      long waited = time.nanoTime() - started;
      assertTrue(waited >= TimeUnit.SECONDS.toNanos(1) && waited < TimeUnit.SECONDS.toNanos(5), "waited " + waited);
    }
  }

  @Test
  void releasingGivesTheLeaseBackAndLeavesNoEntryBehind() {
    WriteThroughLocks locks = jvm(Duration.ofSeconds(30), Duration.ofSeconds(1));
    byte[] leaseKey = keys.writeLockKey("k");
    try (KeyLocks.Held held = lock(locks, "k")) {
      assertNotNull(store.get(leaseKey));
    }
    assertNull(store.get(leaseKey));
  }

  @Test
  void bulkLocksTakenInOppositeOrdersNeverDeadlock() {
    WriteThroughLocks locks = jvm(Duration.ofSeconds(30), Duration.ofSeconds(10));
    List<String> forward = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      forward.add("key-" + i);
    }
    List<String> backward = new ArrayList<>(forward);
    Collections.reverse(backward);
    AtomicInteger rounds = new AtomicInteger();

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      List<Future<?>> workers = new ArrayList<>();
      for (List<String> order : List.of(forward, backward, forward, backward)) {
        workers.add(threads.submit(() -> {
          for (int round = 0; round < 100; round++) {
            try (KeyLocks.Held held = locks.lockAll(order, keys::encode)) {
              rounds.incrementAndGet();
            }
            try (KeyLocks.Held held = lock(locks, order.get(round % order.size()))) {
              rounds.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    });
    assertEquals(800, rounds.get());
  }

  @Test
  void aBulkLockThatFailsHalfwayReleasesWhatItTook() throws Exception {
    WriteThroughLocks here = jvm(Duration.ofSeconds(30), Duration.ofSeconds(1));
    WriteThroughLocks there = jvm(Duration.ofSeconds(30), Duration.ofSeconds(1));
    List<String> bulk = List.of("a", "b", "c", "d", "e", "f");
    try (KeyLocks.Held blocker = lock(there, "d")) {
      assertThrows(CacheException.class, () -> here.lockAll(bulk, keys::encode));
    }
    for (String key : bulk) {
      assertNull(store.get(keys.writeLockKey(key)), "lease left behind on " + key);
    }
    // The stripes were released too: another thread of this JVM takes every key at once.
    threads.submit(() -> here.lockAll(bulk, keys::encode).close()).get(5, TimeUnit.SECONDS);
  }

  @Test
  void aWriterThatRunsPastItsLeaseKeepsTheKeyFromOtherJvms() throws Exception {
    Duration lease = Duration.ofMillis(300);
    WriteThroughLocks here = jvm(lease, Duration.ZERO);
    WriteThroughLocks there = jvm(lease, Duration.ZERO);
    try (KeyLocks.Held held = lock(here, "k")) {
      for (int step = 0; step < 5; step++) {
        // Two thirds of a lease each step; renewals come every 100 ms of real time, each from the clock's now.
        time.advance(lease.toMillis() * 2 / 3, TimeUnit.MILLISECONDS);
        long renewedUntil = time.getAsLong() + lease.toMillis();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (leaseEndsBefore(renewedUntil) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertFalse(leaseEndsBefore(renewedUntil), "the lease was not renewed");
        assertThrows(CacheException.class, () -> lock(there, "k"), "another JVM took the key mid-write");
      }
    }
    lock(there, "k").close();
  }

  private boolean leaseEndsBefore(long time) {
    var lease = store.get(keys.writeLockKey("k"));
    return lease == null || lease.expiresAt() < time;
  }
}
