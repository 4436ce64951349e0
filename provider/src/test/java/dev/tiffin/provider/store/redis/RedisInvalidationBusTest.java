package dev.tiffin.provider.store.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.testing.redis.LocalRedis;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who the Redis invalidation bus counts as online while its subscriber connection comes and goes. */
class RedisInvalidationBusTest {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  private static final InvalidationBus.Listener DEAF = new InvalidationBus.Listener() {
    @Override
    public void invalidate(List<byte[]> keys) {
    }

    @Override
    public void invalidateAll() {
    }
  };

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within 5 s");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aMemberJoiningWhileTheSubscriberReconnectsStaysOfflineUntilTheSubscriptionIsBack() {
    try (RedisStore store = new RedisStore(new StoreSettings("bus", URI.create(REDIS.server().uri()),
        Duration.ofSeconds(5), 4, Duration.ofMinutes(1)), "app", System::currentTimeMillis)) {
      InvalidationBus bus = store.invalidationBus();
      InvalidationBus.Membership first = bus.join("app:c#near", DEAF);
      await(first::isOnline, "the first member came online");
      REDIS.server().cli("CLIENT", "KILL", "TYPE", "pubsub");
      await(() -> !first.isOnline(), "the killed subscription took the member offline");

      // Joined in the pause before the subscriber reconnects: nobody is listening on its behalf.
      InvalidationBus.Membership joined = bus.join("app:c#near", DEAF);
      boolean joinedOnline = joined.isOnline();
      // The resubscription brings the first member online before the second: both online is no evidence.
      boolean resubscribed = first.isOnline();

      assertTrue(!joinedOnline || resubscribed, "a member joined online over a dead subscription");
      await(joined::isOnline, "the joined member came online with the next subscription");
    }
  }
}
