package dev.tiffin.provider.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.StoreTrust;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.provider.time.FakeTime;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.Test;

/** The entry engine over a store that loses races on demand, in fake time. */
class EntryEngineTest {

  private final FakeTime time = new FakeTime();
  private final MemoryStore store = new MemoryStore();
  private final CountingWriter writer = new CountingWriter();

  private EntryEngine<String, String> engine(Duration contentionLimit) {
    EnvelopeCodec.Pair codec = EnvelopeCodec.forCache("app", "c", new StoreTrust("memory", Optional.empty()),
        List.of(String.class, String.class), List.of(), getClass().getClassLoader(), new UnreadableValues("c"));
    CacheSpace space = new CacheSpace("c", store, codec.keys(), codec.values(), time);
    return new EntryEngine<>(null, space, new ExpiryCalculator(new EternalExpiryPolicy(), "c"),
        new WriterSupport<>(writer), KeyLocks.NONE, new Contention("c", contentionLimit, time));
  }

  private static <R> R put(EntryEngine<String, String> engine, String key, String value, boolean writeThrough) {
    return engine.<R>apply(key, EventBatch.none(), writeThrough, null, state -> {
      state.setValue(value);
      return null;
    }).result();
  }

  @Test
  void aKeyContendedPastTheTimeoutFailsWithAClearErrorInsteadOfSpinning() {
    EntryEngine<String, String> engine = engine(Duration.ofSeconds(5));
    store.loseNextSwaps(Integer.MAX_VALUE);
    long started = time.nanoTime();

    CacheException e = assertThrows(CacheException.class, () -> put(engine, "hot", "v", false));

    assertTrue(e.getMessage().startsWith("Key hot of cache c stayed contended for PT5S ("), e.getMessage());
    long waited = time.nanoTime() - started;
    assertTrue(waited >= TimeUnit.SECONDS.toNanos(5), "gave up only after the timeout: " + waited);
    // Backing off (20 µs doubling to 2 ms) keeps the attempts to a few thousand in five seconds.
    assertTrue(store.swaps() > 100 && store.swaps() < 5_000, "attempts: " + store.swaps());
  }

  @Test
  void aFewLostRacesAreRetriedUntilTheWriteLands() {
    EntryEngine<String, String> engine = engine(Duration.ofSeconds(5));
    store.loseNextSwaps(20);

    put(engine, "k", "v", false);

    assertEquals("v", engine.read("k").current());
    assertEquals(21, store.swaps());
    assertEquals(20, time.pauses());
  }

  @Test
  void aWriteThroughRetriedAfterLostRacesCallsTheWriterOnce() {
    EntryEngine<String, String> engine = engine(Duration.ofSeconds(5));
    store.loseNextSwaps(3);

    put(engine, "k", "v", true);

    assertEquals(1, writer.writes.get());
    assertEquals("v", engine.read("k").current());
  }

  @Test
  void aRemoveThroughRetriedAfterLostRacesCallsTheWriterOnce() {
    EntryEngine<String, String> engine = engine(Duration.ofSeconds(5));
    put(engine, "k", "v", false);
    store.loseNextSwaps(3);

    engine.apply("k", EventBatch.none(), true, null, state -> {
      state.remove();
      return null;
    });

    assertEquals(1, writer.deletes.get());
    assertNull(engine.read("k").stored());
  }

  @Test
  void aFailingWriterLeavesTheEntryAsItWas() {
    EntryEngine<String, String> engine = engine(Duration.ofSeconds(5));
    put(engine, "k", "old", false);
    writer.fail = true;

    assertThrows(CacheWriterException.class, () -> put(engine, "k", "new", true));

    assertEquals("old", engine.read("k").current());
  }

  @Test
  void aReadThroughRetriedAfterLostRacesLoadsOnce() {
    EntryEngine<String, String> engine = engine(Duration.ofSeconds(5));
    AtomicInteger loads = new AtomicInteger();
    LoaderSupport<String, String> loader = new LoaderSupport<>(new CacheLoader<>() {
      @Override
      public String load(String key) {
        return "loaded-" + loads.incrementAndGet();
      }

      @Override
      public java.util.Map<String, String> loadAll(Iterable<? extends String> keys) {
        throw new UnsupportedOperationException();
      }
    });
    store.loseNextSwaps(3);

    String value = engine.apply("k", EventBatch.none(), false, loader, EntryState::getValue).result();

    assertEquals(1, loads.get());
    assertEquals("loaded-1", value);
    assertEquals("loaded-1", engine.read("k").current());
  }

  /** Counts the writer calls; fails them on demand. */
  private static final class CountingWriter implements CacheWriter<String, String> {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    volatile boolean fail;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (fail) {
        throw new IllegalStateException("database down");
      }
      writes.incrementAndGet();
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.forEach(this::write);
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      deletes.incrementAndGet();
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(this::delete);
      keys.clear();
    }
  }
}
