package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.testing.redis.LocalRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code CacheWriter} that is slow or fails never leaves its database and the cache disagreeing,
 * and each write-through operation calls it once, however hard threads fight over a key.
 */
class WriteThroughConsistencyTest {

  private static final int THREADS = 8;

  @TempDir
  static Path folder;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  private static TiffinCachingProvider provider(String backend) {
    String uri = backend.equals("redis") ? "redis://127.0.0.1:" + REDIS.server().port()
        : "sqlite:" + folder.resolve("writer-" + System.nanoTime() + ".db");
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", uri));
  }

  private static Cache<String, String> cache(CacheManager manager, String name) {
    return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(new RecordingWriter(name))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "redis"})
  void contendedPutsCallTheWriterExactlyOnceEach(String backend) throws Exception {
    try (TiffinCachingProvider provider = provider(backend)) {
      Cache<String, String> cache = cache(provider.getCacheManager(), "once-" + backend);
      RecordingWriter.of("once-" + backend).slow = false;
      int perThread = 300;

      runThreads(thread -> {
        for (int i = 0; i < perThread; i++) {
          cache.put("hot", thread + "-" + i);
        }
      });

      RecordingWriter writer = RecordingWriter.of("once-" + backend);
      assertEquals(THREADS * perThread, writer.writes.get(), "writer calls");
      assertEquals(writer.database.get("hot"), cache.get("hot"), "the writer saw the last write last");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "redis"})
  void aSlowAndFailingWriterNeverLeavesItsDatabaseAndTheCacheDisagreeing(String backend) throws Exception {
    String name = "mixed-" + backend;
    try (TiffinCachingProvider provider = provider(backend)) {
      Cache<String, String> cache = cache(provider.getCacheManager(), name);
      RecordingWriter writer = RecordingWriter.of(name);
      writer.slow = true;
      AtomicInteger failures = new AtomicInteger();

      runThreads(thread -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 250; i++) {
          String key = "k" + random.nextInt(4);
          String value = thread + "-" + i;
          try {
            switch (random.nextInt(7)) {
              case 0 -> cache.put(key, value);
              case 1 -> cache.remove(key);
              case 2 -> cache.putIfAbsent(key, value);
              case 3 -> cache.replace(key, value);
              case 4 -> cache.getAndPut(key, value);
              case 5 -> cache.replace(key, String.valueOf(cache.get(key)), value);
              default -> cache.invoke(key, (entry, args) -> {
                entry.setValue(value);
                return null;
              });
            }
          } catch (CacheWriterException | javax.cache.processor.EntryProcessorException e) {
            failures.incrementAndGet();
          }
        }
      });

      assertTrue(failures.get() > 0, "the writer failed now and then");
      for (int k = 0; k < 4; k++) {
        assertEquals(writer.database.get("k" + k), cache.get("k" + k), "key k" + k);
      }
    }
  }

  private static void runThreads(ThreadBody body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          body.run(thread);
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface ThreadBody {
    void run(int thread);
  }

  /** The application's database: what the writer was last told per key; slow and failing on demand. */
  static final class RecordingWriter implements CacheWriter<String, String>, java.io.Serializable {
    private static final Map<String, RecordingWriter> BY_CACHE = new ConcurrentHashMap<>();
    final Map<String, String> database = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean slow;

    RecordingWriter(String cache) {
      BY_CACHE.put(cache, this);
    }

    static RecordingWriter of(String cache) {
      return BY_CACHE.get(cache);
    }

    private void work() {
      if (slow) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LockSupport.parkNanos(random.nextInt(200_000));
        if (random.nextInt(20) == 0) {
          throw new IllegalStateException("database timeout");
        }
      }
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      work();
      writes.incrementAndGet();
      database.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (var iterator = entries.iterator(); iterator.hasNext(); ) {
        write(iterator.next());
        iterator.remove();
      }
    }

    @Override
    public void delete(Object key) {
      work();
      database.remove(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (var iterator = keys.iterator(); iterator.hasNext(); ) {
        delete(iterator.next());
        iterator.remove();
      }
    }
  }
}
