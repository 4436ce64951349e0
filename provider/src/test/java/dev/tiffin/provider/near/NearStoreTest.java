package dev.tiffin.provider.near;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.config.NearSettings;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.provider.time.FakeTime;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The near tier over a memory store: hits from memory, invalidation from writes here and elsewhere, no stale re-insert. */
class NearStoreTest {

  private static final NearSettings SETTINGS = new NearSettings(1_000, Duration.ofMinutes(1));

  private final FakeTime time = new FakeTime();
  private final MemoryStore store = new MemoryStore();
  private final InProcessInvalidationBus bus = InProcessInvalidationBus.forStore("near-test-" + UUID.randomUUID());
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private NearStore near(ByteStore under) {
    return new NearStore(under, SETTINGS, time, bus, "app:c#near", WritePath.DIRECT);
  }

  @Test
  void aSecondReadIsServedFromMemory() {
    NearStore near = near(store);
    store.put(b("k"), b("v"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);

    near.get(b("k"));
    int reads = store.reads();
    StoredEntry again = near.get(b("k"));

    assertEquals(reads, store.reads(), "the second read reached the store");
    assertArrayEquals(b("v"), again.value());
  }

  @Test
  void writesThroughThisTierAndThroughAnotherMemberDropTheCopy() {
    NearStore here = near(store);
    NearStore there = near(store);
    store.put(b("k"), b("v1"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    here.get(b("k"));
    there.get(b("k"));

    there.put(b("k"), b("v2"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);

    assertArrayEquals(b("v2"), here.get(b("k")).value());
    assertArrayEquals(b("v2"), there.get(b("k")).value());
    here.removeAll(List.of(b("k")));
    assertNull(there.get(b("k")));
  }

  @Test
  void aCopyPastItsExpiryIsReadAgainFromTheStore() {
    NearStore near = near(store);
    long now = time.getAsLong();
    store.put(b("k"), b("v"), now + 1_000, now + 1_000);
    near.get(b("k"));
    // Another JVM extended the entry without this tier hearing of it.
    store.put(b("k"), b("v"), now + 60_000, now + 60_000);
    time.advance(2, TimeUnit.SECONDS);

    StoredEntry read = near.get(b("k"));

    assertFalse(read.isExpiredAt(time.getAsLong()), "the tier's expired copy was believed");
  }

  @Test
  void aReadRacingAnInvalidationNeverPutsTheOldValueBack() throws Exception {
    CountDownLatch readStarted = new CountDownLatch(1);
    CountDownLatch writeDone = new CountDownLatch(1);
    ByteStore slowReads = new ForwardingStore(store) {
      @Override
      public StoredEntry get(byte[] key) {
        StoredEntry old = store.get(key);
        readStarted.countDown();
        await(writeDone);
        return old;
      }
    };
    NearStore reader = near(slowReads);
    NearStore writer = near(store);
    store.put(b("k"), b("old"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);

    Future<StoredEntry> read = threads.submit(() -> reader.get(b("k")));
    readStarted.await();
    writer.put(b("k"), b("new"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    writeDone.countDown();

    assertArrayEquals(b("old"), read.get(5, TimeUnit.SECONDS).value(), "the racing read itself may see the old value");
    assertEquals(0, reader.size(), "the old value was kept after the invalidation");
  }

  @Test
  void aWriterKeepsNothingWhenANewerWriteElsewhereIsHeardBeforeItsOwnWriteReturns() {
    NearStore there = near(store);
    AtomicBoolean first = new AtomicBoolean(true);
    ByteStore overtaken = new ForwardingStore(store) {
      @Override
      public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
        super.put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
        if (first.getAndSet(false)) {
          // Another member writes right after this write, and its invalidation arrives first.
          there.put(key, b("newer"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
        }
      }
    };
    NearStore here = near(overtaken);

    here.put(b("k"), b("mine"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);

    assertArrayEquals(b("newer"), here.get(b("k")).value(), "the writer kept its value after hearing of a newer one");
    int reads = store.reads();
    here.put(b("k"), b("again"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    here.get(b("k"));
    assertEquals(reads, store.reads(), "an undisturbed writer keeps what it wrote");
  }

  @Test
  void aWriteThatFailsAfterTheStoreAppliedItStillDropsEveryCopy() {
    NearStore there = near(store);
    ByteStore appliedThenFailed = new ForwardingStore(store) {
      @Override
      public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
        super.put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
        throw new IllegalStateException("read timed out (injected)");
      }

      @Override
      public long removeAll(List<byte[]> keys) {
        super.removeAll(keys);
        throw new IllegalStateException("read timed out (injected)");
      }
    };
    NearStore here = near(appliedThenFailed);
    store.put(b("k"), b("old"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    here.get(b("k"));
    there.get(b("k"));

    assertThrows(IllegalStateException.class, () -> here.put(b("k"), b("new"), StoredEntry.ETERNAL, StoredEntry.ETERNAL));

    assertArrayEquals(b("new"), here.get(b("k")).value(), "the writer kept its old copy");
    assertArrayEquals(b("new"), there.get(b("k")).value(), "the other member was not told");
    assertThrows(IllegalStateException.class, () -> here.removeAll(List.of(b("k"))));
    assertNull(there.get(b("k")), "the other member was not told of the failed remove");
  }

  @Test
  void aReportedChangeKeepsACopyEqualToWhatTheStoreHoldsAndDropsAnyOther() {
    NearStore near = near(store);
    store.put(b("same"), b("v"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    store.put(b("other"), b("v"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    near.get(b("same"));
    near.get(b("other"));
    int reads = store.reads();

    near.changedTo(List.of(b("same"), b("other")),
        List.of(new StoredEntry(b("v"), StoredEntry.ETERNAL), new StoredEntry(b("v"), 1_000)));

    near.get(b("same"));
    assertEquals(reads, store.reads(), "a copy equal to the store's entry was dropped");
    near.get(b("other"));
    assertEquals(reads + 1, store.reads(), "a copy whose expiry differs from the store's was served");
  }

  @Test
  void aReadBegunBeforeAReportedChangeKeepsNothingEvenWhenTheHeldCopyIsKept() throws Exception {
    CountDownLatch readStarted = new CountDownLatch(1);
    CountDownLatch changeHeard = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    ByteStore firstReadSlow = new ForwardingStore(store) {
      @Override
      public StoredEntry get(byte[] key) {
        StoredEntry read = store.get(key);
        if (first.getAndSet(false)) {
          readStarted.countDown();
          await(changeHeard);
        }
        return read;
      }
    };
    NearStore near = near(firstReadSlow);
    store.put(b("k"), b("old"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    Future<StoredEntry> slow = threads.submit(() -> near.get(b("k")));
    readStarted.await();
    // Another process writes; this JVM reads the new value and then hears of the change.
    store.put(b("k"), b("new"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    near.get(b("k"));
    near.changedTo(List.of(b("k")), List.of(new StoredEntry(b("new"), StoredEntry.ETERNAL)));
    changeHeard.countDown();
    slow.get(5, TimeUnit.SECONDS);

    assertArrayEquals(b("new"), near.get(b("k")).value(), "the read begun before the change put the old value back");
  }

  @Test
  void anOfflineMemberServesNothingAndKeepsNothing() {
    OfflineBus offline = new OfflineBus();
    NearStore near = new NearStore(store, SETTINGS, time, offline, "app:c#near", WritePath.DIRECT);
    store.put(b("k"), b("v"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);

    near.get(b("k"));
    near.get(b("k"));

    assertEquals(2, store.reads());
    assertEquals(0, near.size());
  }

  @Test
  void anInvalidationOfEverythingEmptiesTheTier() {
    NearStore near = near(store);
    for (int i = 0; i < 10; i++) {
      store.put(b("k" + i), b("v"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
      near.get(b("k" + i));
    }
    assertTrue(near.size() > 0);

    near.invalidateAll();

    assertEquals(0, near.size());
  }

  @Test
  void messagesRoundTripAndAGapIsNoticed() {
    UUID sender = UUID.randomUUID();
    InvalidationMessage keys = new InvalidationMessage(sender, 1, InvalidationMessage.Kind.KEYS, List.of(b("a"), b("bc")));
    InvalidationMessage decoded = InvalidationMessage.decode(keys.encode());
    assertEquals(sender, decoded.sender());
    assertEquals(List.of("a", "bc"), decoded.keys().stream().map(String::new).toList());
    assertNull(InvalidationMessage.decode(b("from someone else")));

    SequenceGaps gaps = new SequenceGaps();
    assertFalse(gaps.lostBefore(keys));
    assertFalse(gaps.lostBefore(new InvalidationMessage(sender, 2, InvalidationMessage.Kind.KEYS, List.of())));
    assertTrue(gaps.lostBefore(new InvalidationMessage(sender, 4, InvalidationMessage.Kind.KEYS, List.of())),
        "message 3 was lost");
    assertFalse(gaps.lostBefore(new InvalidationMessage(sender, 4, InvalidationMessage.Kind.HEARTBEAT, List.of())));
    assertTrue(gaps.lostBefore(new InvalidationMessage(sender, 5, InvalidationMessage.Kind.HEARTBEAT, List.of())),
        "a heartbeat ahead of what was heard means its last message was lost");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A bus that never comes online. */
  private static final class OfflineBus implements InvalidationBus {
    @Override
    public Membership join(String channel, Listener listener) {
      return new Membership() {
        @Override
        public void publish(List<byte[]> keys) {
        }

        @Override
        public void publishFlush() {
        }

        @Override
        public boolean isOnline() {
          return false;
        }

        @Override
        public void close() {
        }
      };
    }
  }
}
