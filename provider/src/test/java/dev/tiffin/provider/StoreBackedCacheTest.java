package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.TiffinCache;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBackedCacheTest {

  @TempDir
  Path folder;

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private TiffinCachingProvider provider;
  private CacheManager manager;

  @BeforeEach
  void open() {
    provider = TestProviders.sqlite(folder, clock);
    manager = provider.getCacheManager();
  }

  @AfterEach
  void close() {
    provider.close();
  }

  private Cache<String, String> cache(MutableConfiguration<String, String> configuration) {
    return manager.createCache("c", configuration.setTypes(String.class, String.class));
  }

  @Test
  void createdExpiryFollowsTheInjectedClock() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 10))));
    cache.put("k", "v");
    clock.addAndGet(9_999);
    assertEquals("v", cache.get("k"));
    clock.addAndGet(1);
    assertNull(cache.get("k"));
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void accessedExpiryIsExtendedByEachRead() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 10))));
    cache.put("k", "v");
    for (int i = 0; i < 5; i++) {
      clock.addAndGet(8_000);
      assertEquals("v", cache.get("k"), "read " + i);
    }
    clock.addAndGet(10_000);
    assertNull(cache.get("k"));
  }

  @Test
  void corruptedStoredValueReadsAsAbsentAndCanBeOverwritten() throws Exception {
    Cache<String, String> cache = cache(new MutableConfiguration<>());
    cache.put("k", "v");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("cache.db"));
         PreparedStatement corrupt = raw.prepareStatement("UPDATE tiffin_entries SET value = ? WHERE key = ?")) {
      // A value envelope (0xFE, version 1, unsigned, Java serialization) whose stream is garbage.
      corrupt.setBytes(1, new byte[] {(byte) 0xFE, 1, 0, 'J', 1, 2});
      corrupt.setBytes(2, "tiffin:c:k".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(1, corrupt.executeUpdate());
    }
    assertNull(cache.get("k"));
    assertFalse(cache.containsKey("k"));
    assertTrue(cache.unwrap(TiffinCache.class).unreadableValues() > 0);
    assertTrue(cache.putIfAbsent("k", "fresh"));
    assertEquals("fresh", cache.get("k"));
  }

  /** A type the cache was not told about. */
  record Secretive(String name) implements Serializable {
  }

  @Test
  void anyApplicationClassReadsBackFromASignedStore() {
    Cache<String, Object> cache = manager.createCache("objects",
        new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
    cache.put("k", new Secretive("x"));
    cache.put("array", new Secretive[] {new Secretive("y")});
    assertEquals(new Secretive("x"), cache.get("k"));
    assertEquals(new Secretive("y"), ((Secretive[]) cache.get("array"))[0]);
    assertEquals(0, cache.unwrap(TiffinCache.class).unreadableValues());
  }

  @Test
  void declaredValueTypeIsAllowed() {
    Cache<String, Secretive> cache = manager.createCache("typed",
        new MutableConfiguration<String, Secretive>().setTypes(String.class, Secretive.class));
    cache.put("k", new Secretive("x"));
    assertEquals(new Secretive("x"), cache.get("k"));
  }

  @Test
  void extensionApiPingsAndSetsTimeToLive() {
    Cache<String, String> cache = cache(new MutableConfiguration<>());
    TiffinCache<String, String> tiffin = cache.unwrap(TiffinCache.class);
    assertFalse(tiffin.ping().isNegative());
    assertTrue(tiffin.storeDescription().contains("cache.db"));
    tiffin.put("short", "v", java.time.Duration.ofSeconds(5));
    cache.put("long", "v");
    assertTrue(tiffin.expire("long", java.time.Duration.ofSeconds(20)));
    assertFalse(tiffin.expire("missing", java.time.Duration.ofSeconds(20)));
    clock.addAndGet(5_000);
    assertNull(cache.get("short"));
    assertEquals("v", cache.get("long"));
    clock.addAndGet(15_000);
    assertNull(cache.get("long"));
  }

  @Test
  void applicationsSharingAStoreNeverSeeEachOther() {
    CacheManager one = provider.getCacheManager(URI.create("one"), null);
    CacheManager two = provider.getCacheManager(URI.create("two"), null);
    Cache<String, String> a = one.createCache("users", new MutableConfiguration<String, String>());
    Cache<String, String> b = two.createCache("users", new MutableConfiguration<String, String>());
    a.put("k", "from one");
    b.put("k", "from two");
    assertEquals("from one", a.get("k"));
    a.clear();
    assertNull(a.get("k"));
    assertEquals("from two", b.get("k"));
    Set<String> keys = new HashSet<>();
    b.forEach(entry -> keys.add(entry.getKey()));
    assertEquals(Set.of("k"), keys);
  }

  @Test
  void entriesSurviveARestart() {
    cache(new MutableConfiguration<>()).put("k", "persisted");
    provider.close();
    provider = TestProviders.sqlite(folder, clock);
    manager = provider.getCacheManager();
    assertEquals("persisted", cache(new MutableConfiguration<>()).get("k"));
  }

  @Test
  void storeByReferenceIsRefusedClearly() {
    UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
        () -> manager.createCache("ref", new MutableConfiguration<>().setStoreByValue(false)));
    assertTrue(error.getMessage().contains("by value"));
  }

  @Test
  void managerPropertiesCarryPassedAndResolvedSettings() throws Exception {
    java.nio.file.Path file = folder.resolve("app.properties");
    java.nio.file.Files.writeString(file, "tiffin.cache.users.single-flight=true\n"
        + "tiffin.cache.users.single-flight-lease=10s\ntiffin.cache.users.single-flight-wait=5s\n");
    java.util.Properties passed = new java.util.Properties();
    passed.setProperty("javax.cache.test.1", "value1");
    java.util.Properties seen = provider.getCacheManager(file.toUri(), null, passed).getProperties();
    assertEquals("value1", seen.getProperty("javax.cache.test.1"));
    assertEquals("true", seen.getProperty("tiffin.cache.users.single-flight"));
    assertEquals("10s", seen.getProperty("tiffin.cache.users.single-flight-lease"));
    assertEquals("5s", seen.getProperty("tiffin.cache.users.single-flight-wait"));
  }

  @Test
  void declaredCachesComeFromConfiguration() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("tiffin.cache.sessions.expiry", "created:30s");
    properties.setProperty("tiffin.cache.sessions.statistics", "true");
    CacheManager configured = provider.getCacheManager(URI.create("declared"), null, properties);
    Cache<Object, Object> sessions = configured.getCache("sessions");
    sessions.put("s", "v");
    clock.addAndGet(30_000);
    assertNull(sessions.get("s"));
    assertEquals(1, sessions.unwrap(StoreBackedCache.class).statistics().getCacheMisses());
  }

  @Test
  void unreadableEntriesNeitherBlockIterationNorSurviveRemoveAll() throws Exception {
    Cache<String, String> cache = cache(new MutableConfiguration<>());
    cache.put("good", "v");
    cache.put("bad", "v");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("cache.db"));
         PreparedStatement corrupt = raw.prepareStatement("UPDATE tiffin_entries SET value = ? WHERE key = ?")) {
      corrupt.setBytes(1, new byte[] {(byte) 0xFE, 1, 0, 'J', 1, 2});
      corrupt.setBytes(2, "tiffin:c:bad".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(1, corrupt.executeUpdate());
    }
    Set<String> seen = new HashSet<>();
    cache.forEach(entry -> seen.add(entry.getKey()));
    assertEquals(Set.of("good"), seen);
    cache.removeAll();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("cache.db"));
         PreparedStatement count = raw.prepareStatement("SELECT count(*) FROM tiffin_entries WHERE key LIKE 'tiffin:c:%'");
         java.sql.ResultSet rows = count.executeQuery()) {
      rows.next();
      assertEquals(0, rows.getInt(1), "removeAll() left rows behind");
    }
  }

  @Test
  void closingTheProviderEndsTiffinsThreads() throws Exception {
    java.util.List<Thread> before = tiffinThreads();
    cache(new MutableConfiguration<>()).put("k", "v");
    java.util.List<Thread> ours = tiffinThreads().stream().filter(thread -> !before.contains(thread)).toList();
    assertEquals(1, ours.size(), "this provider's store started one sweeper");
    provider.close();
    for (Thread thread : ours) {
      thread.join(5_000);
    }
    assertEquals(java.util.List.of(), ours.stream().filter(Thread::isAlive).map(Thread::getName).toList());
  }

  private static java.util.List<Thread> tiffinThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("tiffin-sweeper")).toList();
  }
}
