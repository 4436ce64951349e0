package dev.tiffin.provider.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.time.FakeTime;
import dev.tiffin.spi.StoredEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/**
 * Lease renewal: leases are judged by a clock the test moves, renewals come every 100 ms of real time
 * (a third of a 300 ms lease).
 */
class LeaseKeeperTest {

  private static final Duration LEASE = Duration.ofMillis(300);

  private final FakeTime time = new FakeTime();
  private final MemoryStore store = new MemoryStore();
  private final KeyCodec keys = new KeyCodec("app", "c", written -> { });
  private final LockSpace space = new LockSpace("c", store, keys, time, time);

  @Test
  void aKeptLeaseOutlivesItsLengthAndLapsesOnceTheKeeperCloses() throws Exception {
    FlightLock mine = space.lock("k", LEASE, Duration.ZERO);
    LeaseKeeper keeper = LeaseKeeper.keep(mine, "the test lock");
    for (int lease = 0; lease < 3; lease++) {
      time.advance(LEASE.toMillis(), TimeUnit.MILLISECONDS);
      awaitLeaseLiveAt(time.getAsLong());
      assertThrows(CacheException.class, () -> space.lock("k", LEASE, Duration.ZERO), "another caller took it");
    }

    keeper.close();
    Thread.sleep(LEASE.toMillis() + 100); // three renewal periods and some
    time.advance(LEASE.toMillis() + 1, TimeUnit.MILLISECONDS);
    space.lock("k", LEASE, Duration.ZERO).close();
    mine.close();
  }

  @Test
  void aKeeperStopsOnceAnotherCallerTookTheLockOver() throws Exception {
    FlightLock mine = space.lock("k", LEASE, Duration.ZERO);
    try (LeaseKeeper keeper = LeaseKeeper.keep(mine, "the test lock")) {
      // The lease ran out unrenewed (say the holder stalled) and the lock went to another caller.
      store.removeAll(List.of(keys.lockKey("k")));
      FlightLock theirs = space.lock("k", LEASE, Duration.ZERO);
      Thread.sleep(LEASE.toMillis()); // three renewal periods: the keeper tried, failed and stopped
      int swaps = store.swaps();
      Thread.sleep(LEASE.toMillis() + 100);
      assertEquals(swaps, store.swaps(), "the keeper kept renewing a lock it had lost");
      theirs.close();
    }
    mine.close();
  }

  private void awaitLeaseLiveAt(long now) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    StoredEntry lock = store.get(keys.lockKey("k"));
    while ((lock == null || lock.isExpiredAt(now)) && System.nanoTime() < deadline) {
      Thread.sleep(5);
      lock = store.get(keys.lockKey("k"));
    }
    assertTrue(lock != null && !lock.isExpiredAt(now), "the lease was not renewed");
  }
}
