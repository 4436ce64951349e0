package dev.tiffin.provider.layered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.StoreTrust;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.Contention;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.provider.time.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.cache.CacheException;
import javax.cache.expiry.EternalExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A getOrSet factory that runs longer than its store lock's lease keeps the lock: the lease is renewed. */
class GetOrSetLeaseTest {

  /** Renewed every 333 ms: only a renewal thread stalled for 667 ms would let it lapse. */
  private static final Duration LEASE = Duration.ofSeconds(1);

  private final MemoryStore store = new MemoryStore();
  private final LongSupplier clock = System::currentTimeMillis;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final EnvelopeCodec.Pair codec = EnvelopeCodec.forCache("app", "c", new StoreTrust("memory", Optional.empty()),
      List.of(String.class, String.class), List.of(), getClass().getClassLoader(), new UnreadableValues("c"));
  /** The locks as another JVM sharing the store sees them. */
  private final LockSpace locks = new LockSpace("c", store, codec.keys(), clock, Ticker.SYSTEM);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aFactoryThatRunsPastItsLeaseKeepsTheLockThroughout() throws Exception {
    GetOrSet<String, String> getOrSet = getOrSet();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Future<String> run = threads.submit(() -> getOrSet.getOrSet("k", GetOrSetOptions.defaults(), context -> {
      running.countDown();
      assertTrue(finish.await(30, TimeUnit.SECONDS));
      return "computed";
    }));
    assertTrue(running.await(10, TimeUnit.SECONDS));
    Thread.sleep(LEASE.toMillis() * 5 / 2);

    assertThrows(CacheException.class, () -> locks.lock("k", LEASE, Duration.ZERO),
        "another JVM took the lock while the factory still ran");
    finish.countDown();
    assertEquals("computed", run.get(10, TimeUnit.SECONDS));
    locks.lock("k", LEASE, Duration.ZERO).close();
  }

  private GetOrSet<String, String> getOrSet() {
    LogicalExpiryStore logical = new LogicalExpiryStore(store, new TagInvalidations(store, codec.keys(), clock, false),
        store);
    CacheSpace space = new CacheSpace("c", logical, codec.keys(), codec.values(), clock);
    ExpiryCalculator expiry = new ExpiryCalculator(new EternalExpiryPolicy(), "c");
    EntryEngine<String, String> engine = new EntryEngine<>(null, space, expiry, new WriterSupport<>(null),
        KeyLocks.NONE, new Contention("c", Duration.ofSeconds(5), Ticker.SYSTEM));
    return new GetOrSet<>(space, engine, expiry, locks, threads, new RunsInFlight<>(), new GetOrSetCounters(), LEASE);
  }
}
