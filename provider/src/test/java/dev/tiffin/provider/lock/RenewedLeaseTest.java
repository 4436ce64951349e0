package dev.tiffin.provider.lock;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tiffin.api.FlightLock;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.store.redis.RedisStore;
import dev.tiffin.provider.time.Ticker;
import dev.tiffin.testing.redis.LocalRedis;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A renewed lease keeps its lock past the lease while held, and lets it go when closed (real time). */
class RenewedLeaseTest {

  private static final Duration LEASE = Duration.ofMillis(1_500);

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final LockSpace space = new LockSpace("c", new MemoryStore(), new KeyCodec("app", "c", written -> { }),
      System::currentTimeMillis, Ticker.SYSTEM);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aRenewedLockOutlivesItsLeaseUntilItIsClosed() throws Exception {
    try (FlightLock held = space.lockRenewed("k", LEASE, Duration.ZERO, executor)) {
      Thread.sleep(LEASE.toMillis() * 2);

      assertThrows(CacheException.class, () -> space.lock("k", LEASE, Duration.ZERO),
          "the lease ran out while its holder was still working");
    }
    space.lock("k", LEASE, Duration.ZERO).close();
  }

  @Test
  void onRedisToo() throws Exception {
    try (RedisStore redis = new RedisStore(new StoreSettings("locks", URI.create(REDIS.server().uri()),
        Duration.ofSeconds(5), 4, Duration.ofMinutes(1)), "app", System::currentTimeMillis)) {
      LockSpace onRedis = new LockSpace("c", redis, new KeyCodec("app", "c", written -> { }),
          System::currentTimeMillis, Ticker.SYSTEM);
      try (FlightLock held = onRedis.lockRenewed("k", LEASE, Duration.ZERO, executor)) {
        Thread.sleep(LEASE.toMillis() * 2);

        assertThrows(CacheException.class, () -> onRedis.lock("k", LEASE, Duration.ZERO),
            "the lease ran out in Redis while its holder was still working");
      }
      onRedis.lock("k", LEASE, Duration.ZERO).close();
    }
  }

  @Test
  void aLockThatIsNotRenewedIsFreeOnceItsLeaseRunsOut() throws Exception {
    space.lock("k", Duration.ofMillis(200), Duration.ZERO);
    Thread.sleep(400);

    space.lock("k", LEASE, Duration.ZERO).close();
  }
}
