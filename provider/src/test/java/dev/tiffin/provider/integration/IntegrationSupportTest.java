package dev.tiffin.provider.integration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.Test;

/** Loader and writer calls: failures wrapped as the specification asks, absent values left out. */
class IntegrationSupportTest {

  @Test
  void aLoaderFailureBecomesACacheLoaderExceptionAndOneOfItsOwnPassesAsItIs() {
    CacheLoaderException own = new CacheLoaderException("own");
    LoaderSupport<String, String> loader = new LoaderSupport<>(new Loader(key -> {
      throw key.equals("own") ? own : new IllegalStateException("database down");
    }));

    CacheLoaderException wrapped = assertThrows(CacheLoaderException.class, () -> loader.load("k"));
    assertEquals("CacheLoader failed to load key k", wrapped.getMessage());
    assertEquals("database down", wrapped.getCause().getMessage());
    assertSame(own, assertThrows(CacheLoaderException.class, () -> loader.load("own")));
    assertThrows(CacheLoaderException.class, () -> loader.loadAll(List.of("a")));
  }

  @Test
  void loadAllLeavesOutKeysTheSourceHasNoValueFor() {
    LoaderSupport<String, String> loader = new LoaderSupport<>(new Loader(key -> key.equals("none") ? null : "v-" + key));

    Map<String, String> loaded = loader.loadAll(List.of("a", "none", "b"));

    assertEquals(Map.of("a", "v-a", "b", "v-b"), loaded);
    assertTrue(loader.isPresent());
    assertFalse(new LoaderSupport<String, String>(null).isPresent());
  }

  @Test
  void aLoaderReturningNoMapLoadsNothing() {
    LoaderSupport<String, String> loader = new LoaderSupport<>(new Loader(key -> "v") {
      @Override
      public Map<String, String> loadAll(Iterable<? extends String> keys) {
        return null;
      }
    });
    assertEquals(Map.of(), loader.loadAll(List.of("a")));
  }

  @Test
  void aWriterFailureBecomesACacheWriterExceptionNamingTheCause() {
    Writer failing = new Writer(true);
    WriterSupport<String, String> writer = new WriterSupport<>(failing);

    CacheWriterException e = assertThrows(CacheWriterException.class, () -> writer.write(entry("k", "v")));
    assertEquals("CacheWriter failed: disk full", e.getMessage());
    assertThrows(CacheWriterException.class, () -> writer.delete("k"));
    assertThrows(CacheWriterException.class, () -> writer.writeAll(new ArrayList<>(List.of(entry("k", "v")))));
    assertThrows(CacheWriterException.class, () -> writer.deleteAll(new ArrayList<>(List.of("k"))));
  }

  @Test
  void withoutWriteThroughEveryCallDoesNothing() {
    WriterSupport<String, String> none = new WriterSupport<>(null);
    assertFalse(none.isActive());
    assertDoesNotThrow(() -> {
      none.write(entry("k", "v"));
      none.delete("k");
      none.writeAll(new ArrayList<>(List.of(entry("k", "v"))));
      none.deleteAll(new ArrayList<>(List.of("k")));
    });
  }

  @Test
  void writesReachTheWriterAndEmptyBatchesDoNot() {
    Writer writer = new Writer(false);
    WriterSupport<String, String> support = new WriterSupport<>(writer);

    support.write(entry("a", "1"));
    support.writeAll(new ArrayList<>());
    support.deleteAll(new ArrayList<>());
    support.writeAll(new ArrayList<>(List.of(entry("b", "2"))));
    support.delete("a");

    assertEquals(Map.of("b", "2"), writer.database);
    assertEquals(3, writer.calls);
  }

  private static Cache.Entry<String, String> entry(String key, String value) {
    return new Cache.Entry<>() {
      @Override
      public String getKey() {
        return key;
      }

      @Override
      public String getValue() {
        return value;
      }

      @Override
      public <T> T unwrap(Class<T> clazz) {
        throw new IllegalArgumentException();
      }
    };
  }

  /** A loader computing values with a function. */
  private static class Loader implements CacheLoader<String, String> {
    private final java.util.function.Function<String, String> values;

    Loader(java.util.function.Function<String, String> values) {
      this.values = values;
    }

    @Override
    public String load(String key) {
      return values.apply(key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new HashMap<>();
      for (String key : keys) {
        loaded.put(key, values.apply(key));
      }
      return loaded;
    }
  }

  /** A writer keeping a map, or failing every call. */
  private static final class Writer implements CacheWriter<String, String> {
    final Map<String, String> database = new HashMap<>();
    final boolean failing;
    int calls;

    Writer(boolean failing) {
      this.failing = failing;
    }

    private void call() {
      calls++;
      if (failing) {
        throw new IllegalStateException("disk full");
      }
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      call();
      database.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      call();
      entries.forEach(entry -> database.put(entry.getKey(), entry.getValue()));
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      call();
      database.remove(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      call();
      keys.forEach(database::remove);
      keys.clear();
    }
  }
}
