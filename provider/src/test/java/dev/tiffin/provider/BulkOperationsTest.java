package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.management.CacheStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multi-key operations on SQLite: one bulk read, partial writer failures, per-key results. */
class BulkOperationsTest {

  /** Keys the test writer refuses; static because the writer is created from a factory. */
  static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
  static final List<String> LOADED = new CopyOnWriteArrayList<>();

  @TempDir
  Path folder;

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private TiffinCachingProvider provider;
  private CacheManager manager;

  @BeforeEach
  void open() {
    REFUSED.clear();
    LOADED.clear();
    provider = TestProviders.sqlite(folder, clock);
    manager = provider.getCacheManager();
  }

  @AfterEach
  void close() {
    provider.close();
  }

  private Cache<String, String> cache(MutableConfiguration<String, String> configuration) {
    return manager.createCache("bulk", configuration.setTypes(String.class, String.class).setStatisticsEnabled(true));
  }

  private static CacheStatistics statistics(Cache<String, String> cache) {
    return cache.unwrap(StoreBackedCache.class).statistics();
  }

  private static Map<String, String> entries(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void putAllStoresOnlyTheEntriesTheWriterWroteAndRethrowsItsFailure() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>().setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(RefusingWriter.class)));
    REFUSED.add("b");

    assertThrows(CacheWriterException.class, () -> cache.putAll(entries("a", "1", "b", "2", "c", "3")));

    assertEquals("1", cache.get("a"));
    assertNull(cache.get("b"), "an entry the writer did not write was cached");
    assertEquals("3", cache.get("c"));
    assertEquals(2, statistics(cache).getCachePuts());
  }

  @Test
  void removeAllKeepsTheEntriesTheWriterCouldNotDelete() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>().setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(RefusingWriter.class)));
    cache.putAll(entries("a", "1", "b", "2", "c", "3"));
    REFUSED.add("c");

    assertThrows(CacheWriterException.class, () -> cache.removeAll(Set.of("a", "b", "c")));

    assertFalse(cache.containsKey("a"));
    assertFalse(cache.containsKey("b"));
    assertEquals("3", cache.get("c"));
    assertEquals(2, statistics(cache).getCacheRemovals());
  }

  @Test
  void getAllReadsThroughOnlyTheMissingKeysInOneCallAndCountsHitsAndMisses() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>().setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(RecordingLoader.class)));
    cache.put("cached", "here");

    Map<String, String> all = cache.getAll(Set.of("cached", "x", "none"));

    assertEquals(Map.of("cached", "here", "x", "loaded-x"), all);
    assertEquals(Set.of("x", "none"), Set.copyOf(LOADED));
    assertEquals("loaded-x", cache.get("x"), "a loaded value was not stored");
    assertEquals(2, statistics(cache).getCacheHits());
    assertEquals(2, statistics(cache).getCacheMisses());
  }

  @Test
  void getAllLeavesOutExpiredEntries() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 10))));
    cache.putAll(entries("a", "1", "b", "2"));
    clock.addAndGet(5_000);
    cache.put("c", "3");
    clock.addAndGet(5_000);

    assertEquals(Map.of("c", "3"), cache.getAll(Set.of("a", "b", "c")));
  }

  @Test
  void putAllWithAZeroCreationExpiryStoresNothingNew() {
    Cache<String, String> cache = cache(new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ZERO)));

    cache.putAll(entries("a", "1", "b", "2"));

    assertEquals(Map.of(), cache.getAll(Set.of("a", "b")));
    assertEquals(0, statistics(cache).getCachePuts());
  }

  @Test
  void invokeAllReportsEachKeysResultOrFailureOnItsOwn() {
    Cache<String, String> cache = cache(new MutableConfiguration<>());
    cache.putAll(entries("a", "1", "b", "2", "c", "3"));

    Map<String, EntryProcessorResult<String>> results = cache.invokeAll(Set.of("a", "b", "c", "absent"),
        (entry, arguments) -> {
          if (entry.getKey().equals("b")) {
            throw new IllegalStateException("no b");
          }
          if (!entry.exists()) {
            return null;
          }
          entry.setValue(entry.getValue() + "!");
          return entry.getValue();
        });

    assertEquals("1!", results.get("a").get());
    assertEquals("3!", results.get("c").get());
    assertFalse(results.containsKey("absent"), "a null result must be left out");
    EntryProcessorException failure = assertThrows(EntryProcessorException.class, () -> results.get("b").get());
    assertEquals("no b", failure.getCause().getMessage());
    assertEquals("2", cache.get("b"), "a failed processor changed its entry");
  }

  @Test
  void removeAllOfEverythingTakesEveryPageOfEntries() {
    Cache<String, String> cache = cache(new MutableConfiguration<>());
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 2_500; i++) {
      many.put("k" + i, "v" + i);
    }
    cache.putAll(many);

    cache.removeAll();

    assertFalse(cache.iterator().hasNext());
    assertEquals(2_500, statistics(cache).getCacheRemovals());
  }

  /** A writer that refuses the keys in {@link #REFUSED}, leaving them in the batch as the spec asks. */
  public static final class RefusingWriter implements CacheWriter<String, String> {

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (REFUSED.contains(entry.getKey())) {
        throw new CacheWriterException("refused " + entry.getKey());
      }
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.removeIf(entry -> !REFUSED.contains(entry.getKey()));
      if (!entries.isEmpty()) {
        throw new CacheWriterException("refused " + entries.size());
      }
    }

    @Override
    public void delete(Object key) {
      if (REFUSED.contains(key)) {
        throw new CacheWriterException("refused " + key);
      }
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.removeIf(key -> !REFUSED.contains(key));
      if (!keys.isEmpty()) {
        throw new CacheWriterException("refused " + keys.size());
      }
    }
  }

  /** A loader that records what it was asked for and has no value for "none". */
  public static final class RecordingLoader implements CacheLoader<String, String> {

    @Override
    public String load(String key) {
      LOADED.add(key);
      return key.equals("none") ? null : "loaded-" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new HashMap<>();
      for (String key : keys) {
        String value = load(key);
        if (value != null) {
          loaded.put(key, value);
        }
      }
      return loaded;
    }
  }
}
