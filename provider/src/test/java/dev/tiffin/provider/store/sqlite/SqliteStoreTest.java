package dev.tiffin.provider.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.provider.time.Ticker;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

  @TempDir
  Path folder;

  private final AtomicLong now = new AtomicLong(1_000_000);
  private SqliteStore store;

  @BeforeEach
  void open() {
    StoreSettings settings = new StoreSettings("test", URI.create("sqlite:" + folder.resolve("sub/store.db")),
        Duration.ofSeconds(5), 2, Duration.ofMinutes(1));
    store = new SqliteStore(settings, now::get);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetReturnsValueAndExpiry() {
    store.put(b("a:c:k"), b("v1"), 5_000_000, ByteStore.KEEP_EXPIRY);
    StoredEntry entry = store.get(b("a:c:k"));
    assertArrayEquals(b("v1"), entry.value());
    assertEquals(5_000_000, entry.expiresAt());
    assertNull(store.get(b("a:c:missing")));
  }

  @Test
  void putKeepsOrReplacesExpiryOfALiveEntryAndCreatesOverAnExpiredOne() {
    store.put(b("k"), b("v1"), 2_000_000, 3_000_000);
    store.put(b("k"), b("v2"), 2_000_000, ByteStore.KEEP_EXPIRY);
    assertEquals(2_000_000, store.get(b("k")).expiresAt());
    store.put(b("k"), b("v3"), 2_000_000, 3_000_000);
    assertEquals(3_000_000, store.get(b("k")).expiresAt());
    now.set(3_000_000);
    store.put(b("k"), b("v4"), 4_000_000, ByteStore.KEEP_EXPIRY);
    assertEquals(4_000_000, store.get(b("k")).expiresAt(), "an expired entry is replaced as if created");
  }

  @Test
  void compareAndSetOnlyLandsOnTheExpectedBytes() {
    assertTrue(store.compareAndSet(b("k"), null, b("v1"), StoredEntry.ETERNAL));
    assertFalse(store.compareAndSet(b("k"), null, b("other"), StoredEntry.ETERNAL), "insert over an entry");
    assertFalse(store.compareAndSet(b("k"), b("stale"), b("v2"), StoredEntry.ETERNAL));
    assertTrue(store.compareAndSet(b("k"), b("v1"), b("v2"), 7));
    assertEquals(7, store.get(b("k")).expiresAt());
    assertFalse(store.compareAndSet(b("k"), b("v1"), null, 0), "remove with stale bytes");
    assertTrue(store.compareAndSet(b("k"), b("v2"), null, 0));
    assertNull(store.get(b("k")));
  }

  @Test
  void touchChangesOnlyTheExpiryOfTheExpectedLiveValue() {
    store.put(b("k"), b("v"), 2_000_000, ByteStore.KEEP_EXPIRY);
    assertFalse(store.touch(b("k"), b("other"), 3_000_000));
    assertTrue(store.touch(b("k"), b("v"), 3_000_000));
    assertEquals(3_000_000, store.get(b("k")).expiresAt());

    now.set(3_000_000);
    assertFalse(store.touch(b("k"), b("v"), 9_000_000), "an entry that expired since it was read came back");
    assertEquals(3_000_000, store.get(b("k")).expiresAt());
  }

  @Test
  void aLeaseThatRanOutIsNotRenewedSoAnotherCallerCanTakeItOver() throws Exception {
    LockSpace locks = new LockSpace("c", store, new KeyCodec("app", "c", written -> { }), now::get, Ticker.SYSTEM);
    Duration lease = Duration.ofMillis(300);
    try (FlightLock mine = locks.renewedLock("k", lease, Duration.ZERO)) {
      now.addAndGet(lease.toMillis()); // the lease ran out unrenewed: its renewals stalled, say
      Thread.sleep(lease.toMillis() + 100); // three renewal periods and some: none may bring it back
      locks.lock("k", lease, Duration.ZERO).close();
    }
  }

  @Test
  void scanPagesThroughOnePrefixOnly() {
    for (int i = 0; i < 25; i++) {
      store.put(b("app:one:" + (char) ('a' + i)), b("v" + i), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    }
    store.put(b("app:onex"), b("neighbour"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    store.put(b("app:two:a"), b("other cache"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    List<String> seen = new ArrayList<>();
    byte[] cursor = null;
    int pages = 0;
    do {
      ScanPage page = store.scan(b("app:one:"), cursor, 10);
      for (KeyedEntry row : page.entries()) {
        seen.add(new String(row.key(), StandardCharsets.UTF_8));
      }
      cursor = page.cursor();
      pages++;
    } while (cursor != null);
    assertEquals(25, seen.size());
    assertTrue(seen.stream().allMatch(key -> key.startsWith("app:one:")));
    assertEquals(3, pages);
  }

  @Test
  void clearRemovesOnlyItsPrefix() {
    store.put(b("app:one:a"), b("1"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    store.put(b("app:one:b"), b("2"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    store.put(b("app:two:a"), b("3"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    store.put(b("other:one:a"), b("4"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    assertEquals(2, store.clear(b("app:one:")));
    assertNull(store.get(b("app:one:a")));
    assertArrayEquals(b("3"), store.get(b("app:two:a")).value());
    assertArrayEquals(b("4"), store.get(b("other:one:a")).value());
  }

  @Test
  void getAllAnswersInRequestOrderWithGaps() {
    store.put(b("x"), b("1"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    store.put(b("z"), b("3"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    List<StoredEntry> found = store.getAll(List.of(b("z"), b("y"), b("x")));
    assertArrayEquals(b("3"), found.get(0).value());
    assertNull(found.get(1));
    assertArrayEquals(b("1"), found.get(2).value());
  }

  @Test
  void sweepRemovesOnlyEntriesExpiredBeforeTheCutoff() {
    store.put(b("old"), b("1"), 100, ByteStore.KEEP_EXPIRY);
    store.put(b("recent"), b("2"), 900, ByteStore.KEEP_EXPIRY);
    store.put(b("live"), b("3"), StoredEntry.ETERNAL, ByteStore.KEEP_EXPIRY);
    assertEquals(1, store.sweep(500, 10));
    assertNull(store.get(b("old")));
    assertTrue(store.get(b("recent")) != null && store.get(b("live")) != null);
  }

  @Test
  void upperBoundCarriesOverFullBytes() {
    assertArrayEquals(new byte[] {1, 3}, SqliteSql.upperBound(new byte[] {1, 2}));
    assertArrayEquals(new byte[] {2}, SqliteSql.upperBound(new byte[] {1, (byte) 0xFF}));
  }

  @Test
  void pingAnswersWhileOpenAndFailsNamingTheFileOnceClosed() {
    store.ping();
    store.close();
    javax.cache.CacheException closed = org.junit.jupiter.api.Assertions.assertThrows(
        javax.cache.CacheException.class, store::ping);
    assertTrue(closed.getMessage().contains("store.db"), closed.getMessage());
  }
}
