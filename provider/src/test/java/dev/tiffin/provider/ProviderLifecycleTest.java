package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.TiffinProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CompletionListenerFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a provider, its managers and caches start, they also end; background work is isolated. */
class ProviderLifecycleTest {

  @TempDir
  Path folder;

  private TiffinCachingProvider sqliteProvider(String file) {
    return TestProviders.withSettings(folder, Map.of("tiffin.store.default.uri", "sqlite:" + folder.resolve(file)));
  }

  @Test
  void closingTheProviderLeavesNoTiffinThreadAndNoOpenFile() throws Exception {
    // Other tests in this JVM may have providers of their own: only threads started here count.
    Set<Thread> before = Set.copyOf(tiffinThreads(Set.of()));
    TiffinCachingProvider provider = sqliteProvider("life.db");
    Cache<String, String> cache = provider.getCacheManager().createCache("c",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class)
            .setCacheLoaderFactory(FactoryBuilder.factoryOf(new Echo()))
            .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(new Recorder()), null, false, false)));
    cache.put("a", "1");
    CompletionListenerFuture loaded = new CompletionListenerFuture();
    cache.loadAll(Set.of("b"), false, loaded);
    loaded.get(10, TimeUnit.SECONDS);
    assertFalse(openFilesIn(folder).isEmpty(), "the test sees the database's open files");
    assertFalse(tiffinThreads(before).isEmpty(), "the test sees Tiffin's threads");

    provider.close();

    assertTrue(eventually(() -> tiffinThreads(before).isEmpty()), "threads left: " + tiffinThreads(before));
    assertTrue(eventually(() -> openFilesIn(folder).isEmpty()), "files left open: " + openFilesIn(folder));
  }

  @Test
  void aSlowAsynchronousListenerDoesNotDelayAnother() throws Exception {
    try (TiffinCachingProvider provider = sqliteProvider("listeners.db")) {
      Cache<String, String> cache = provider.getCacheManager().createCache("c",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      CountDownLatch slowReleased = new CountDownLatch(1);
      CountDownLatch slowStarted = new CountDownLatch(1);
      CountDownLatch fastHeard = new CountDownLatch(2);
      java.util.concurrent.atomic.AtomicInteger slowFinished = new java.util.concurrent.atomic.AtomicInteger();
      cache.registerCacheEntryListener(asynchronous(events -> {
        slowStarted.countDown();
        await(slowReleased);
        slowFinished.incrementAndGet();
      }));
      cache.registerCacheEntryListener(asynchronous(events -> events.forEach(event -> fastHeard.countDown())));

      cache.put("a", "1");
      assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "the slow listener got its first event");
      cache.put("b", "2");

      assertTrue(fastHeard.await(10, TimeUnit.SECONDS), "the other listener heard both events meanwhile");
      assertEquals(0, slowFinished.get(), "the slow listener is still busy with its first event");
      slowReleased.countDown();
    }
  }

  @Test
  void asynchronousListenersRunOnTheExecutorTheApplicationSupplies() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "app-executor"));
    try (TiffinCachingProvider provider = sqliteProvider("executor.db")) {
      Properties properties = new Properties();
      properties.put(TiffinProperties.EXECUTOR, executor);
      CacheManager manager = provider.getCacheManager(URI.create("executor-app"), null, properties);
      Cache<String, String> cache = manager.createCache("c",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      CompletableFuture<String> thread = new CompletableFuture<>();
      cache.registerCacheEntryListener(asynchronous(events -> thread.complete(Thread.currentThread().getName())));

      cache.put("a", "1");

      assertEquals("app-executor", thread.get(10, TimeUnit.SECONDS));
      assertFalse(executor.isShutdown(), "the application's executor stays the application's");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aManagerWhoseDeclaredCacheFailsGivesBackTheStoresItOpened() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of(
          "tiffin.store.default.uri", "sqlite:" + folder.resolve("declared.db"),
          "tiffin.cache.local.expiry", "eternal",
          "tiffin.store.remote.uri", "redis://127.0.0.1:" + silent.getLocalPort(),
          "tiffin.store.remote.timeout", "300ms",
          "tiffin.cache.remote.store", "remote"));

      assertThrows(CacheException.class, () -> provider.getCacheManager());

      assertTrue(eventually(() -> openFilesIn(folder).isEmpty()), "files left open: " + openFilesIn(folder));
      provider.close();
    }
  }

  @Test
  void aSlowStoreDoesNotHoldUpCachesOnOtherStores() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.start();
      try (TiffinCachingProvider provider = TestProviders.withSettings(folder, Map.of(
          "tiffin.store.default.uri", "sqlite:" + folder.resolve("fast.db"),
          "tiffin.store.slow.uri", "redis://127.0.0.1:" + silent.getLocalPort(),
          "tiffin.store.slow.timeout", "5s",
          "tiffin.cache.*.store", "slow",
          "tiffin.cache.on-fast.store", "default"))) {
        CacheManager manager = provider.getCacheManager();
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(
            () -> manager.createCache("on-slow", new MutableConfiguration<String, String>()));
        assertTrue(eventually(() -> !accepted.isEmpty()), "the slow store is connecting");
        // The silent server holds the first cache's creation for the whole timeout; meanwhile:
        manager.destroyCache("on-fast");
        Cache<String, String> fast = manager.createCache("on-fast", new MutableConfiguration<String, String>());
        fast.put("k", "v");
        assertFalse(slow.isDone(), "the other cache was created while the slow store was still connecting");
        assertThrows(Exception.class, () -> slow.get(30, TimeUnit.SECONDS));
      } finally {
        silent.close();
        acceptor.join(5_000);
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }

  private static MutableCacheEntryListenerConfiguration<String, String> asynchronous(Heard heard) {
    return new MutableCacheEntryListenerConfiguration<>(FactoryBuilder.factoryOf(new Delegating(heard)), null,
        false, false);
  }

  @FunctionalInterface
  private interface Heard extends java.io.Serializable {
    void events(Iterable<CacheEntryEvent<? extends String, ? extends String>> events);
  }

  private static final class Delegating implements CacheEntryCreatedListener<String, String>, java.io.Serializable {
    private final Heard heard;

    Delegating(Heard heard) {
      this.heard = heard;
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      heard.events(events);
    }
  }

  private static final class Recorder implements CacheEntryCreatedListener<String, String>, java.io.Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      // Only here so the cache has an asynchronous listener (and its queue) to end at close.
    }
  }

  private static final class Echo implements CacheLoader<String, String>, java.io.Serializable {
    @Override
    public String load(String key) {
      return "loaded " + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new java.util.HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tiffin's live threads, leaving out those in {@code others}. */
  private static List<Thread> tiffinThreads(Set<Thread> others) {
    List<Thread> threads = new ArrayList<>();
    Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(thread -> thread.getName().startsWith("tiffin-") && !others.contains(thread)).forEach(threads::add);
    return threads;
  }

  /** The files under {@code folder} this process holds open, read from {@code /proc/self/fd}. */
  private static List<Path> openFilesIn(Path folder) {
    List<Path> open = new ArrayList<>();
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      descriptors.forEach(fd -> {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(folder.toRealPath())) {
            open.add(target);
          }
        } catch (IOException gone) {
          // closed while listing
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return open;
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
