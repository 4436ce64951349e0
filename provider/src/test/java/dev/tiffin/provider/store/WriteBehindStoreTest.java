package dev.tiffin.provider.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.provider.time.Ticker;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/** Write-behind over a memory store the test can hold up or make fail. */
class WriteBehindStoreTest {

  private static final long ETERNAL = StoredEntry.ETERNAL;

  /** A memory store whose writes wait at a gate while it is shut, and fail while it is down. */
  private static final class GatedStore extends ForwardingStore {
    final MemoryStore memory;
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch writeWaiting = new CountDownLatch(1);
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean shut;
    volatile boolean down;
    volatile boolean readOnly;

    GatedStore(MemoryStore memory) {
      super(memory);
      this.memory = memory;
    }

    @Override
    public void ping() {
      if (down) {
        throw new CacheException("Cannot reach gated store at 127.0.0.1:1");
      }
    }

    private void reach(List<byte[]> values) {
      for (byte[] value : values) {
        if ("poison".equals(new String(value, StandardCharsets.UTF_8))) {
          throw new CacheException("ERR value refused by 127.0.0.1:1");
        }
      }
      writes.incrementAndGet();
      if (shut) {
        writeWaiting.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      if (down) {
        throw new CacheException("Cannot reach gated store at 127.0.0.1:1");
      }
      if (readOnly) {
        throw new CacheException("READONLY You can't write against a read only replica (127.0.0.1:1)");
      }
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
      reach(List.of(value));
      super.put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
    }

    @Override
    public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
      reach(values);
      super.putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
    }
  }

  private final GatedStore below = new GatedStore(new MemoryStore());
  private final List<String> forgotten = new CopyOnWriteArrayList<>();

  private void forget(byte[] key) {
    forgotten.add(new String(key, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(StoredEntry entry) {
    return entry == null ? null : new String(entry.value(), StandardCharsets.UTF_8);
  }

  private static void await(BooleanSupplier condition, String message) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertTrue(condition.getAsBoolean(), message);
  }

  /** Holds the writing thread inside a write of key {@code "held"}, so nothing else is written behind meanwhile. */
  private void holdTheWriter(WriteBehindStore store) throws InterruptedException {
    below.shut = true;
    store.put(bytes("held"), bytes("h"), ETERNAL, ETERNAL);
    assertTrue(below.writeWaiting.await(5, TimeUnit.SECONDS), "the write-behind thread never wrote");
  }

  /** The locks of a cache whose writes go through {@code store}, kept in the memory store below it. */
  private LockSpace locksOver(WriteBehindStore store) {
    return new LockSpace("c", below.memory, new KeyCodec("app", "c", written -> { }), System::currentTimeMillis,
        Ticker.SYSTEM, store);
  }

  private void releaseTheWriter() {
    below.shut = false;
    below.gate.countDown();
  }

  @Test
  void aPutReturnsBeforeTheStoreHasItAndReachesItSoonAfter() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      holdTheWriter(store);
      store.put(bytes("k"), bytes("v"), ETERNAL, ETERNAL);
      assertNull(below.memory.get(bytes("k")), "a put written behind was in the store before its turn");
      assertEquals(2, store.pending());
      releaseTheWriter();
      await(() -> below.memory.get(bytes("k")) != null, "a queued put never reached the store");
      await(() -> store.pending() == 0, "the queue never emptied");
    }
  }

  @Test
  void aReadOrConditionalWriteOfAQueuedKeyWaitsUntilThePutIsInTheStore() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      holdTheWriter(store);
      store.put(bytes("k"), bytes("v1"), ETERNAL, ETERNAL);
      CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> text(store.get(bytes("k"))));
      CompletableFuture<Boolean> swap =
          CompletableFuture.supplyAsync(() -> store.compareAndSet(bytes("k"), bytes("v1"), bytes("v2"), ETERNAL));
      Thread.sleep(100);
      releaseTheWriter();
      assertTrue(swap.get(5, TimeUnit.SECONDS), "a compare-and-set was decided before the queued put was written");
      String seen = read.get(5, TimeUnit.SECONDS);
      assertTrue("v1".equals(seen) || "v2".equals(seen), "a read missed its own JVM's queued put: " + seen);
      assertEquals("v2", text(below.memory.get(bytes("k"))));
    }
  }

  @Test
  void putsToOneKeyReachTheStoreInTheOrderTheyWereMade() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(10), "c", this::forget)) {
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        long last = -1;
        for (int i = 0; i < 20_000; i++) {
          StoredEntry seen = store.get(bytes("n"));
          long now = seen == null ? -1 : Long.parseLong(text(seen));
          if (now < last) {
            throw new AssertionError("the store went back from " + last + " to " + now);
          }
          last = now;
        }
      });
      for (int i = 0; i < 20_000; i++) {
        store.put(bytes("n"), bytes(Integer.toString(i)), ETERNAL, ETERNAL);
        store.put(bytes("other" + (i % 50)), bytes("x"), ETERNAL, ETERNAL);
      }
      reader.get(30, TimeUnit.SECONDS);
      store.flush();
      assertEquals("19999", text(below.memory.get(bytes("n"))));
      assertEquals(0, store.pending());
    }
  }

  @Test
  void aWriteThatFailsStaysQueuedAndIsRetriedUntilTheStoreIsBack() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      below.down = true;
      store.put(bytes("k"), bytes("v"), ETERNAL, ETERNAL);
      await(() -> below.writes.get() > 0, "the write-behind thread never tried the store");
      assertThrows(CacheException.class, store::flush, "a flush hid the store's failure");
      assertEquals(1, store.pending());
      below.down = false;
      await(() -> below.memory.get(bytes("k")) != null, "a failed write was never retried");
      assertEquals(0, store.pending());
    }
  }

  @Test
  void aPutThatWouldOutgrowTheBoundWritesTheQueueFirstAndFailsUnqueuedWhenTheStoreDoes() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(2), "c", this::forget)) {
      below.down = true;
      store.put(bytes("a"), bytes("1"), ETERNAL, ETERNAL);
      store.put(bytes("b"), bytes("2"), ETERNAL, ETERNAL);
      assertThrows(CacheException.class, () -> store.put(bytes("c"), bytes("3"), ETERNAL, ETERNAL),
          "a put over the bound hid the store's failure");
      assertEquals(2, store.pending(), "a failed put was queued all the same: the queue outgrew its bound");
      below.down = false;
      await(() -> store.pending() == 0, "the thread never wrote the queue once the store was back");
      assertEquals("2", text(below.memory.get(bytes("b"))));
      assertNull(below.memory.get(bytes("c")), "a put reported failed was written later");
    }
  }

  @Test
  void putsTheStoreKeepsRefusingWhileItTakesOthersAreDroppedAndForgotten() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      holdTheWriter(store);
      store.put(bytes("bad1"), bytes("poison"), ETERNAL, ETERNAL);
      store.put(bytes("bad2"), bytes("poison"), ETERNAL, ETERNAL);
      releaseTheWriter();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (int i = 0; store.pending() > 0 && System.nanoTime() < deadline; i++) {
        // Each pass that writes a good put counts one more refusal of the bad ones queued with it.
        store.put(bytes("good" + i), bytes("fine"), ETERNAL, ETERNAL);
        store.flush();
      }
      assertEquals(0, store.pending(), "refused puts held up the queue");
      assertEquals("fine", text(below.memory.get(bytes("good0"))));
      assertNull(below.memory.get(bytes("bad1")));
      assertEquals(List.of("bad1", "bad2"), forgotten.stream().sorted().toList(),
          "the near tier was not told to forget the refused puts");
    }
  }

  @Test
  void aStoreThatRefusesEveryPutOrIsDownDropsNone() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      below.readOnly = true;
      for (int i = 0; i < 5; i++) {
        store.put(bytes("k" + i), bytes("v" + i), ETERNAL, ETERNAL);
      }
      for (int i = 0; i < 5; i++) {
        store.flush();
      }
      assertThrows(CacheException.class, () -> store.get(bytes("k0")), "a read of a refused put went on as if written");
      below.readOnly = false;
      below.down = true;
      for (int i = 0; i < 3; i++) {
        assertThrows(CacheException.class, store::flush, "a flush hid that the store is down");
      }
      assertEquals(5, store.pending(), "puts were dropped while the store refused every write");
      assertTrue(forgotten.isEmpty());
      below.down = false;
      await(() -> store.pending() == 0, "the thread never wrote the queue once the store was back");
      assertEquals("v4", text(below.memory.get(bytes("k4"))));
    }
  }

  @Test
  void aRefusedPutFailsReadsOfItsKeyButNotOthersNorTheReleaseOfALock() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      LockSpace locks = locksOver(store);
      FlightLock lock = locks.lock("g", Duration.ofSeconds(30), Duration.ZERO);
      holdTheWriter(store);
      store.put(bytes("bad"), bytes("poison"), ETERNAL, ETERNAL);
      store.put(bytes("g"), bytes("fine"), ETERNAL, ETERNAL);
      releaseTheWriter();
      assertEquals("fine", text(store.get(bytes("g"))));
      assertThrows(CacheException.class, () -> store.get(bytes("bad")));
      lock.close();
      locks.lock("g", Duration.ofSeconds(30), Duration.ZERO).close();
    }
  }

  @Test
  void aPutOverAQueuedOneKeepsTheExpiryTheQueuedOneWouldHaveGiven() throws Exception {
    long first = System.currentTimeMillis() + 3_600_000;
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      holdTheWriter(store);
      store.put(bytes("k"), bytes("v1"), first, ByteStore.KEEP_EXPIRY);
      store.put(bytes("k"), bytes("v2"), first + 60_000, ByteStore.KEEP_EXPIRY);
      releaseTheWriter();
      store.flush();
      assertEquals("v2", text(below.memory.get(bytes("k"))));
      assertEquals(first, below.memory.get(bytes("k")).expiresAt(), "merging the queued puts moved the expiry");
    }
  }

  @Test
  void aLockWhoseQueuedPutsCannotBeWrittenStaysTakenUntilItsLeaseRunsOutUnrenewed() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      LockSpace locks = locksOver(store);
      FlightLock lock = locks.renewedLock("k", Duration.ofSeconds(2), Duration.ZERO);
      below.down = true;
      store.put(bytes("k"), bytes("v"), ETERNAL, ETERNAL);
      assertThrows(CacheException.class, lock::close);
      assertThrows(CacheException.class, () -> locks.lock("k", Duration.ofSeconds(30), Duration.ZERO),
          "the lock was given back although what was put under it never reached the store");
      below.down = false;
      // Renewal stopped with the failed release: the lease runs out and the lock can be taken again.
      locks.lock("k", Duration.ofSeconds(30), Duration.ofSeconds(10)).close();
    }
  }

  @Test
  void aPutAfterClosingIsWrittenAtOnce() {
    WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget);
    store.close();
    store.put(bytes("late"), bytes("v"), ETERNAL, ETERNAL);
    assertEquals("v", text(below.memory.get(bytes("late"))));
  }

  @Test
  void aLockIsReleasedOnlyOnceWhatWasPutUnderItIsInTheStore() throws Exception {
    try (WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(100), "c", this::forget)) {
      LockSpace locks = locksOver(store);
      FlightLock lock = locks.lock("k", Duration.ofSeconds(30), Duration.ZERO);
      holdTheWriter(store);
      store.put(bytes("k"), bytes("v"), ETERNAL, ETERNAL);
      CompletableFuture<Void> releasing = CompletableFuture.runAsync(lock::close);
      Thread.sleep(100);
      assertFalse(releasing.isDone(), "the lock was released while the put made under it was still queued");
      releaseTheWriter();
      releasing.get(5, TimeUnit.SECONDS);
      assertEquals("v", text(below.memory.get(bytes("k"))));
      locks.lock("k", Duration.ofSeconds(30), Duration.ZERO).close();
    }
  }

  @Test
  void closingWritesWhatIsQueued() throws Exception {
    WriteBehindStore store = new WriteBehindStore(below, new WriteBehindSettings(1_000), "c", this::forget);
    holdTheWriter(store);
    for (int i = 0; i < 100; i++) {
      store.put(bytes("k" + i), bytes("v" + i), ETERNAL, ETERNAL);
    }
    CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
    releaseTheWriter();
    closing.get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 100; i++) {
      assertEquals("v" + i, text(below.memory.get(bytes("k" + i))));
    }
  }
}
