package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store remembers its caches: a new manager, JVM or run sees, opens and destroys them. */
class StoreCatalogTest {

  @TempDir
  Path folder;

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L + (long) (Math.random() * 1e9));
  private TiffinCachingProvider provider;

  private CacheManager restart() {
    if (provider != null) {
      provider.close();
    }
    provider = TestProviders.sqlite(folder, clock);
    return provider.getCacheManager();
  }

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aNewManagerKnowsTheCachesOfAnEarlierRun() {
    CacheManager first = restart();
    first.createCache("books", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 60)))
        .setStatisticsEnabled(true)).put("b1", "Dune");
    first.createCache("authors", new MutableConfiguration<>());

    CacheManager second = restart();
    assertEquals(Set.of("authors", "books"), names(second));
    Cache<String, String> books = second.getCache("books", String.class, String.class);
    assertEquals("Dune", books.get("b1"));
    CompleteConfiguration<?, ?> configuration = books.getConfiguration(CompleteConfiguration.class);
    assertTrue(configuration.isStatisticsEnabled());
    assertThrows(ClassCastException.class, () -> second.getCache("books", String.class, Long.class));
    clock.addAndGet(60_000);
    assertNull(books.get("b1"), "the recorded expiry policy applies");
  }

  @Test
  void destroyingACacheRemovesItsEntriesAndItsRecord() {
    restart().createCache("books", new MutableConfiguration<String, String>()).put("b1", "Dune");
    CacheManager second = restart();
    second.destroyCache("books");
    assertEquals(Set.of(), names(second));
    assertNull(second.getCache("books"));
    CacheManager third = restart();
    assertEquals(Set.of(), names(third));
    assertNull(third.createCache("books", new MutableConfiguration<String, String>()).get("b1"));
  }

  @Test
  void creatingACacheTheStoreKnowsOpensItWithTheNewConfiguration() {
    restart().createCache("books", new MutableConfiguration<String, String>()).put("b1", "Dune");
    CacheManager second = restart();
    Cache<String, String> books = second.createCache("books",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    assertEquals("Dune", books.get("b1"));
    assertNotNull(restart().getCache("books", String.class, String.class));
  }

  @Test
  void theGeneratedSigningKeyIsReadableOnlyByItsOwner() throws Exception {
    restart().createCache("books", new MutableConfiguration<String, String>()).put("b1", "Dune");
    Path keyFile = folder.resolve("cache.db.signing-key");
    assertTrue(Files.exists(keyFile));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    String key = Files.readString(keyFile);
    restart();
    assertEquals(key, Files.readString(keyFile), "a second run reuses the key");
  }

  private static Set<String> names(CacheManager manager) {
    Set<String> names = new HashSet<>();
    manager.getCacheNames().forEach(names::add);
    return names;
  }
}
