package dev.tiffin.provider.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.StoreFailures;
import dev.tiffin.config.FailureSettings;
import dev.tiffin.config.NearSettings;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.near.NearStore;
import dev.tiffin.provider.near.WritePath;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.NotACounterException;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/** The circuit breaker and failures-as-misses over a store the test makes fail. */
class StoreFailureLayersTest {

  /** A memory store that fails every call, pings included, while {@code down}. */
  private static final class FlakyStore extends ForwardingStore {
    volatile boolean down;
    final AtomicInteger calls = new AtomicInteger();

    FlakyStore() {
      super(new MemoryStore());
    }

    private void reach() {
      calls.incrementAndGet();
      if (down) {
        throw new CacheException("Cannot reach flaky store at 127.0.0.1:1");
      }
    }

    @Override
    public StoredEntry get(byte[] key) {
      reach();
      return super.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
      reach();
      super.put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
    }

    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
      reach();
      return super.compareAndSet(key, expected, value, expiresAt);
    }

    @Override
    public long increment(byte[] key, long delta, long expiresAtIfCreated) {
      reach();
      return super.increment(key, delta, expiresAtIfCreated);
    }

    @Override
    public void ping() {
      reach();
    }
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private final FlakyStore flaky = new FlakyStore();
  private final StoreHealth health = new StoreHealth();

  @Test
  void theBreakerOpensAtTheConfiguredFailuresRejectsWithoutCallingAndClosesOnlyAfterAProbeAnswers() throws Exception {
    CircuitBreakerStore breaker = new CircuitBreakerStore(flaky, new FailureSettings(false, 3, Duration.ofMillis(200)),
        health);
    breaker.put(b("k"), b("v"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
    flaky.down = true;
    for (int i = 0; i < 3; i++) {
      assertThrows(CacheException.class, () -> breaker.get(b("k")));
    }
    assertTrue(health.snapshot().breakerOpen(), "open after the third failure in a row");
    int callsWhenOpened = flaky.calls.get();

    CacheException rejected = assertThrows(CacheException.class, () -> breaker.get(b("k")));
    assertTrue(rejected.getMessage().contains("circuit breaker"), rejected.getMessage());
    assertEquals(callsWhenOpened, flaky.calls.get(), "an open breaker does not call the store");

    Thread.sleep(250);
    assertThrows(CacheException.class, () -> breaker.get(b("k")), "the probe fails: open again");
    assertEquals(callsWhenOpened + 1, flaky.calls.get(), "one PING probed, the read was not made");
    flaky.down = false;
    assertThrows(CacheException.class, () -> breaker.get(b("k")), "still within the new open time");

    Thread.sleep(250);
    assertArrayEquals(b("v"), breaker.get(b("k")).value(), "probe answered: closed");
    StoreFailures counts = health.snapshot();
    assertFalse(counts.breakerOpen());
    assertEquals(1, counts.breakerOpenings());
    assertEquals(3, counts.rejected());
    assertEquals(3, counts.failedCalls());
    assertEquals(1, counts.failedProbes());
  }

  @Test
  void failuresInterruptedBySuccessesOrAnswersAboutTheDataNeverOpenIt() {
    CircuitBreakerStore breaker = new CircuitBreakerStore(flaky, new FailureSettings(false, 2, Duration.ofMinutes(1)),
        health);
    breaker.put(b("text"), b("not a number"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
    for (int i = 0; i < 5; i++) {
      flaky.down = true;
      assertThrows(CacheException.class, () -> breaker.get(b("k")));
      flaky.down = false;
      assertThrows(NotACounterException.class, () -> breaker.increment(b("text"), 1, Long.MAX_VALUE));
      breaker.get(b("k"));
    }
    assertFalse(health.snapshot().breakerOpen());
  }

  @Test
  void failedReadsAreAnsweredFromTheLastCopyOrAsMissesAndFailedPutsSkippedButOtherChangesStillFail() {
    List<String> forgotten = new ArrayList<>();
    FailuresAsMisses layer = new FailuresAsMisses(flaky, new FailuresAsMisses.LastKnown() {
      @Override
      public StoredEntry lastKnown(byte[] key) {
        return new String(key, StandardCharsets.UTF_8).equals("held") ? new StoredEntry(b("copy"), Long.MAX_VALUE) : null;
      }

      @Override
      public void forget(byte[] key) {
        forgotten.add(new String(key, StandardCharsets.UTF_8));
      }
    }, health);
    layer.put(b("text"), b("not a number"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
    assertThrows(NotACounterException.class, () -> layer.increment(b("text"), 1, Long.MAX_VALUE),
        "an answer about the data is not a failure");
    flaky.down = true;

    assertArrayEquals(b("copy"), layer.get(b("held")).value());
    assertNull(layer.get(b("other")));
    layer.put(b("held"), b("new"), Long.MAX_VALUE, ByteStore.KEEP_EXPIRY);
    assertThrows(CacheException.class, () -> layer.compareAndSet(b("k"), null, b("v"), Long.MAX_VALUE));

    assertEquals(List.of("held"), forgotten, "the copy the failed put meant to replace is dropped");
    assertEquals(new StoreFailures(1, 1, 1, 0, 0, 0, 0, false), health.snapshot());
    flaky.down = false;
    assertArrayEquals(b("not a number"), layer.get(b("text")).value());
  }
  @Test
  void aFailedReadThatMovesTheExpiryIsAnsweredFromTheNearCopy() {
    ByteStore touchFails = new ForwardingStore(flaky) {
      @Override
      public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
        if (flaky.down) {
          throw new CacheException("Cannot reach flaky store at 127.0.0.1:1");
        }
        return super.getAndTouch(key, expiresAt, now);
      }
    };
    NearStore near = new NearStore(touchFails, new NearSettings(10, Duration.ofMinutes(1)), System::currentTimeMillis,
        InProcessInvalidationBus.forStore("touch-" + UUID.randomUUID()), "app:c#near",
        WritePath.DIRECT);
    FailuresAsMisses layer = new FailuresAsMisses(near, near, health);
    layer.put(b("k"), b("v"), Long.MAX_VALUE, Long.MAX_VALUE);
    flaky.down = true;

    StoredEntry answered = layer.getAndTouch(b("k"), Long.MAX_VALUE, System.currentTimeMillis());

    assertArrayEquals(b("v"), answered.value(), "the failed read dropped the copy it should have answered with");
    assertEquals(1, health.snapshot().answeredFromNear());
  }

  @Test
  void anOutageWhoseReadsNearHitsAnswerBetweenFailuresLogsOneWarning() {
    // Stands for a near tier: "hit" is answered without reaching the store, everything else fails.
    ByteStore nearHitsOverFlaky = new ForwardingStore(flaky) {
      @Override
      public StoredEntry get(byte[] key) {
        return new String(key, StandardCharsets.UTF_8).equals("hit") ? new StoredEntry(b("v"), Long.MAX_VALUE)
            : super.get(key);
      }
    };
    FailuresAsMisses layer = new FailuresAsMisses(nearHitsOverFlaky, FailuresAsMisses.LastKnown.NONE, health);
    Logger logger = Logger.getLogger(FailuresAsMisses.class.getName());
    List<Level> logged = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record.getLevel());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(handler);
    try {
      flaky.down = true;
      for (int i = 0; i < 100; i++) {
        assertNull(layer.get(b("miss")));
        assertArrayEquals(b("v"), layer.get(b("hit")).value());
      }
    } finally {
      logger.removeHandler(handler);
    }

    assertEquals(List.of(Level.WARNING), logged.stream().filter(level -> level.intValue() >= Level.INFO.intValue()).toList(),
        "every hit between two failures ended the outage in the log");
  }
}
