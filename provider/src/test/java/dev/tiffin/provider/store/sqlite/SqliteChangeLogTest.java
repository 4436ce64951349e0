package dev.tiffin.provider.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.config.NearSettings;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.near.NearStore;
import dev.tiffin.provider.near.WritePath;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.StoredEntry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The change log other processes' near tiers learn from: exactly the changed keys, in commit order;
 * everything dropped when the log was pruned past a poller or cannot be read; pruned to its bound.
 * Polls are run by the test (the scheduled poll is an hour away).
 */
class SqliteChangeLogTest {

  @TempDir
  Path folder;

  private SqliteStore store;
  private SQLiteDataSource dataSource;
  private final List<String> heard = new ArrayList<>();
  private final AtomicInteger flushes = new AtomicInteger();
  private final InvalidationBus.Listener listener = new InvalidationBus.Listener() {
    @Override
    public void invalidate(List<byte[]> keys) {
      keys.forEach(key -> heard.add(new String(key, StandardCharsets.UTF_8)));
    }

    @Override
    public void invalidateAll() {
      flushes.incrementAndGet();
    }
  };

  @BeforeEach
  void open() {
    Path file = folder.resolve("log.db");
    store = new SqliteStore(new StoreSettings("log", URI.create("sqlite:" + file), Duration.ofSeconds(5), 2,
        Duration.ofMinutes(1)), System::currentTimeMillis);
    dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private SqliteChangeLog log(DataSource source, long keep) throws SQLException {
    SqliteChangeLog log = new SqliteChangeLog(source, "'log'", Duration.ofHours(1), keep);
    log.listen(listener);
    return log;
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private long rows() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      var result = statement.executeQuery("SELECT count(*) FROM tiffin_changes");
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void aPollDeliversExactlyTheKeysChangedSinceTheLastOneInCommitOrder() throws Exception {
    store.put(b("before"), b("v"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
    try (SqliteChangeLog log = log(dataSource, 1_000)) {
      log.poll();
      assertEquals(List.of(), heard, "changes before the log was opened are not news");

      store.put(b("a"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      store.put(b("b"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      store.compareAndSet(b("a"), b("1"), b("2"), Long.MAX_VALUE);
      store.compareAndSet(b("b"), b("wrong"), b("2"), Long.MAX_VALUE);
      store.removeAll(List.of(b("before")));
      log.poll();

      assertEquals(List.of("a", "b", "a", "before"), heard, "a compare-and-set that lost changed nothing");
      heard.clear();
      log.poll();
      assertEquals(List.of(), heard);
      assertEquals(0, flushes.get());
    }
  }

  @Test
  void eachChangedKeyComesWithWhatItHoldsAfterwardsOrNothingWhenGoneOrLarge() throws Exception {
    List<String> reported = new ArrayList<>();
    InvalidationBus.Listener withValues = new InvalidationBus.Listener() {
      @Override
      public void invalidate(List<byte[]> keys) {
        throw new AssertionError("the log reports what each changed key holds");
      }

      @Override
      public void invalidateAll() {
        throw new AssertionError("nothing was lost");
      }

      @Override
      public void changedTo(List<byte[]> keys, List<StoredEntry> current) {
        for (int i = 0; i < keys.size(); i++) {
          StoredEntry now = current.get(i);
          reported.add(new String(keys.get(i), StandardCharsets.UTF_8) + "="
              + (now == null ? "-" : new String(now.value(), StandardCharsets.UTF_8) + "@" + now.expiresAt()));
        }
      }
    };
    try (SqliteChangeLog log = new SqliteChangeLog(dataSource, "'log'", Duration.ofHours(1), 1_000)) {
      log.listen(withValues);
      store.put(b("a"), b("1"), 5_000_000_000_000L, ByteStore.KEEP_EXPIRY);
      store.put(b("a"), b("2"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      store.put(b("gone"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      store.removeAll(List.of(b("gone")));
      store.put(b("large"), new byte[8_193], Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);

      log.poll();

      assertEquals(List.of("a=2@5000000000000", "a=2@5000000000000", "gone=-", "gone=-", "large=-"), reported);
    }
  }

  @Test
  void aNearTierKeepsWhatThisProcessWroteAndDropsWhatAnotherProcessChanged() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    ByteStore counted = new ForwardingStore(store) {
      @Override
      public StoredEntry get(byte[] key) {
        reads.incrementAndGet();
        return super.get(key);
      }
    };
    try (SqliteChangeLog log = log(dataSource, 1_000)) {
      InvalidationBus bus = new SqliteInvalidationBus(InProcessInvalidationBus.forStore("log-" + UUID.randomUUID()), () -> log);
      NearStore near = new NearStore(counted, new NearSettings(100, Duration.ofMinutes(10)), System::currentTimeMillis,
          bus, "log:c#near", WritePath.DIRECT);
      near.put(b("mine"), b("1"), Long.MAX_VALUE, Long.MAX_VALUE);
      store.put(b("theirs"), b("1"), Long.MAX_VALUE, Long.MAX_VALUE);
      near.get(b("theirs"));
      store.put(b("theirs"), b("2"), Long.MAX_VALUE, Long.MAX_VALUE);

      log.poll();

      assertEquals("1", new String(near.get(b("mine")).value(), StandardCharsets.UTF_8));
      assertEquals(1, reads.get(), "this process's own write came back through the log and dropped its copy");
      assertEquals("2", new String(near.get(b("theirs")).value(), StandardCharsets.UTF_8));
      assertEquals(2, reads.get());
      near.close();
    }
  }

  @Test
  void aPollerThatTheLogWasPrunedPastDropsEverything() throws Exception {
    try (SqliteChangeLog log = log(dataSource, 1_000);
         Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      store.put(b("a"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      store.put(b("b"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      // Another process pruned the log before this one read the change to a.
      statement.executeUpdate("DELETE FROM tiffin_changes WHERE key = x'61'");

      log.poll();

      assertEquals(1, flushes.get(), "a missing number means a missed change");
      store.put(b("c"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      heard.clear();
      log.poll();
      assertEquals(List.of("c"), heard, "caught up: back to single keys");
      assertEquals(1, flushes.get());
    }
  }

  @Test
  void theLogKeepsItsNewestChangesOnceItGrowsToTwiceTheBound() throws Exception {
    try (SqliteChangeLog log = log(dataSource, 10)) {
      for (int i = 0; i < 15; i++) {
        store.put(b("k" + i), b("v"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      }
      log.poll();
      assertEquals(15, rows(), "under twice the bound: nothing pruned");
      for (int i = 0; i < 10; i++) {
        store.put(b("k" + i), b("w"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      }
      log.poll();
      assertEquals(10, rows());
      assertEquals(25, heard.size());
      assertEquals(0, flushes.get());
    }
  }

  @Test
  void theSweeperPrunesALogNobodyPollsAndIgnoresADatabaseWithoutOne() throws Exception {
    assertEquals(0, store.sweep(System.currentTimeMillis(), 1), "no log yet: nothing to prune, no error");
    new SqliteChangeLog(dataSource, "'log'", Duration.ofHours(1), 1_000).close();
    for (int i = 0; i < 30; i++) {
      store.put(b("k" + i), b("v"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
    }
    try (Connection connection = dataSource.getConnection()) {
      SqliteChangeLog.prune(connection, 10);
    }
    assertEquals(10, rows());
  }

  @Test
  void whileTheLogCannotBeReadItIsOfflineAndItsListenersDropEverything() throws Exception {
    AtomicBoolean failing = new AtomicBoolean();
    Connection real = dataSource.getConnection();
    Connection faulty = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (failing.get() && method.getName().endsWith("Statement")) {
            throw new SQLException("disk I/O error (injected)");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    DataSource oneConnection = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> faulty);
    try (SqliteChangeLog log = log(oneConnection, 1_000)) {
      failing.set(true);
      store.put(b("a"), b("1"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
      log.poll();
      assertFalse(log.isOnline());
      assertEquals(1, flushes.get());

      failing.set(false);
      log.poll();

      assertTrue(log.isOnline());
      assertEquals(List.of("a"), heard, "the change made while offline is delivered on the way back");
    }
  }
}
