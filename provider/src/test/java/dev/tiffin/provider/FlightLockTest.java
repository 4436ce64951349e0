package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.time.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TiffinCache#lock} over SQLite. Two providers over one file stand for two JVMs: each has its
 * own store, pool and cache objects, so only the rows in the shared file can coordinate them.
 */
class FlightLockTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration NO_WAIT = Duration.ZERO;

  @TempDir
  Path folder;

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private TiffinCachingProvider first;
  private TiffinCachingProvider second;
  private Cache<String, String> cacheA;
  private TiffinCache<String, String> a;
  private TiffinCache<String, String> b;

  @BeforeEach
  void open() {
    first = TestProviders.sqlite(folder, clock);
    second = TestProviders.sqlite(folder, clock);
    cacheA = first.getCacheManager().createCache("c", new MutableConfiguration<String, String>());
    a = tiffin(cacheA);
    b = tiffin(second.getCacheManager().createCache("c", new MutableConfiguration<String, String>()));
  }

  @SuppressWarnings("unchecked")
  private static TiffinCache<String, String> tiffin(Cache<String, String> cache) {
    return cache.unwrap(TiffinCache.class);
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  @Test
  void secondLockerWaitsUntilTheFirstCloses() throws Exception {
    FlightLock held = a.lock("k", LEASE, NO_WAIT);
    CompletableFuture<FlightLock> waiting = CompletableFuture.supplyAsync(
        () -> b.lock("k", LEASE, Duration.ofSeconds(20)));
    // Several of the waiter's retries (5 ms doubling to 50 ms) pass while the lock is held.
    assertThrows(TimeoutException.class, () -> waiting.get(300, TimeUnit.MILLISECONDS));
    b.lock("other-key", LEASE, NO_WAIT).close(); // another key is not blocked
    held.close();
    waiting.get(10, TimeUnit.SECONDS).close();
    a.lock("k", LEASE, NO_WAIT).close();
  }

  @Test
  void expiredLeaseIsTakenOverAndTheLateHolderDoesNotReleaseIt() {
    FlightLock stale = a.lock("k", Duration.ofSeconds(10), NO_WAIT);
    assertThrows(CacheException.class, () -> b.lock("k", LEASE, NO_WAIT));
    clock.addAndGet(9_999);
    assertThrows(CacheException.class, () -> b.lock("k", LEASE, NO_WAIT), "the lease still runs");
    clock.addAndGet(1);
    FlightLock taken = b.lock("k", LEASE, NO_WAIT);
    stale.close();
    assertThrows(CacheException.class, () -> a.lock("k", LEASE, NO_WAIT),
        "closing a lease that ran out leaves the new holder's lock alone");
    taken.close();
    taken.close();
    a.lock("k", LEASE, NO_WAIT).close();
  }

  @Test
  void waitTimeoutThrowsNamingCacheAndKey() {
    // A third "JVM" whose waits run on fake time: the 100 ms wait passes without sleeping.
    FakeTime time = new FakeTime();
    TiffinCachingProvider third = TestProviders.sqlite(folder, clock, time);
    TiffinCache<String, String> c = tiffin(third.getCacheManager().createCache("c",
        new MutableConfiguration<String, String>()));
    try (FlightLock held = a.lock("report-42", LEASE, NO_WAIT)) {
      long start = time.nanoTime();
      CacheException timeout = assertThrows(CacheException.class,
          () -> c.lock("report-42", LEASE, Duration.ofMillis(100)));
      assertTrue(time.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "waited the full 100ms");
      assertTrue(time.pauses() >= 3, "paused between attempts: " + time.pauses());
      assertTrue(timeout.getMessage().startsWith("Timed out after PT0.1S waiting for the lock on key report-42"
          + " of cache c, held by another caller"), timeout.getMessage());
    } finally {
      third.close();
    }
  }

  @Test
  void locksAreNeitherEntriesNorClearedWithThem() throws Exception {
    FlightLock held = a.lock("k", LEASE, NO_WAIT);
    b.lock("j", LEASE, NO_WAIT);
    cacheA.put("x", "1");

    List<String> keys = new ArrayList<>();
    cacheA.forEach(entry -> keys.add(entry.getKey()));
    assertEquals(List.of("x"), keys);
    assertFalse(cacheA.containsKey("k"));

    cacheA.clear();
    cacheA.removeAll();
    assertThrows(CacheException.class, () -> b.lock("k", LEASE, NO_WAIT), "clear() left the lock in place");
    assertEquals(List.of("tiffin:#catalog:c", "tiffin:c#lock:j", "tiffin:c#lock:k"), storedKeys());

    held.close();
    assertEquals(List.of("tiffin:#catalog:c", "tiffin:c#lock:j"), storedKeys(), "closing removes the row");
  }

  @Test
  void badArgumentsAndClosedCachesAreRefused() {
    assertThrows(NullPointerException.class, () -> a.lock(null, LEASE, NO_WAIT));
    assertThrows(IllegalArgumentException.class, () -> a.lock("k", Duration.ZERO, NO_WAIT));
    assertThrows(IllegalArgumentException.class, () -> a.lock("k", LEASE, Duration.ofSeconds(-1)));
    cacheA.close();
    assertThrows(IllegalStateException.class, () -> a.lock("k", LEASE, NO_WAIT));
  }

  private List<String> storedKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("cache.db"));
         PreparedStatement query = raw.prepareStatement("SELECT key FROM tiffin_entries ORDER BY key");
         ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        keys.add(new String(rows.getBytes(1), StandardCharsets.UTF_8));
      }
    }
    return keys;
  }
}
