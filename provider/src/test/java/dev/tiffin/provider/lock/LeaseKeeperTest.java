package dev.tiffin.provider.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.api.FlightLock;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.provider.time.FakeTime;
import dev.tiffin.spi.StoredEntry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/**
 * Lease renewal: leases are judged by a clock the test moves, renewals come every 100 ms of real time
 * (a third of a 300 ms lease) and start the lease afresh from that clock's now.
 */
class LeaseKeeperTest {

  private static final Duration LEASE = Duration.ofMillis(300);

  private final FakeTime time = new FakeTime();
  private final MemoryStore store = new MemoryStore();
  private final AtomicInteger touches = new AtomicInteger();
  private final KeyCodec keys = new KeyCodec("app", "c", written -> { });
  private final LockSpace space = new LockSpace("c", new ForwardingStore(store) {
    @Override
    public boolean touch(byte[] key, byte[] expected, long expiresAt) {
      touches.incrementAndGet();
      return super.touch(key, expected, expiresAt);
    }
  }, keys, time, time);

  @Test
  void aKeptLeaseOutlivesItsLengthAndLapsesOnceTheKeeperCloses() throws Exception {
    FlightLock mine = space.lock("k", LEASE, Duration.ZERO);
    LeaseKeeper keeper = LeaseKeeper.keep((StoreFlightLock) mine);
    for (int step = 0; step < 5; step++) {
      // Two thirds of a lease each step: five steps outlast the lease three times over.
      time.advance(LEASE.toMillis() * 2 / 3, TimeUnit.MILLISECONDS);
      awaitRenewedFrom(time.getAsLong());
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
    try (LeaseKeeper keeper = LeaseKeeper.keep((StoreFlightLock) mine)) {
      // The lease ran out unrenewed (say the holder stalled) and the lock went to another caller.
      store.removeAll(List.of(keys.lockKey("k")));
      FlightLock theirs = space.lock("k", LEASE, Duration.ZERO);
      // Its next try fails (unless one already did, between the removal and the takeover): it stops.
      int before = touches.get();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (touches.get() == before && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      int tried = touches.get();
      Thread.sleep(LEASE.toMillis() + 100); // three renewal periods and some
      assertEquals(tried, touches.get(), "the keeper kept renewing a lock it had lost");
      theirs.close();
    }
    mine.close();
  }

  /** Waits for a renewal made at or after {@code now}: one that starts the lease afresh from it. */
  private void awaitRenewedFrom(long now) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!renewedFrom(now) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(renewedFrom(now), "the lease was not renewed");
  }

  private boolean renewedFrom(long now) {
    StoredEntry lock = store.get(keys.lockKey("k"));
    return lock != null && lock.expiresAt() >= now + LEASE.toMillis();
  }
}
