package dev.tiffin.provider.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.testing.redis.LocalRedis;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who the Redis invalidation bus counts as online while its subscriber connection comes and goes, and
 * what a member that only announces sends while nobody listens.
 */
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

  private static RedisStore store(String name) {
    return new RedisStore(new StoreSettings(name, URI.create(REDIS.server().uri()), Duration.ofSeconds(5), 4,
        Duration.ofMinutes(1)), "app", System::currentTimeMillis);
  }

  @Test
  void aNewSubscriptionServesNothingUntilAnyCountOfNoListenersHasGoneStale() {
    try (RedisStore store = store("settling")) {
      long joined = System.nanoTime();
      InvalidationBus.Membership member = store.invalidationBus().join("app:settling#near", DEAF);
      await(member::isOnline, "the member came online");

      long took = System.nanoTime() - joined;
      assertTrue(took >= RedisInvalidationBus.SETTLE_NANOS && RedisInvalidationBus.SETTLE_NANOS > ListenerCensus.TRUSTED_NANOS,
          "online " + TimeUnit.NANOSECONDS.toMillis(took) + " ms after joining, while a count of no listeners"
              + " taken before it subscribed was still trusted");
    }
  }

  @Test
  void anAnnouncerSendsNoKeysWhileNobodyListensAndEveryWriteOnceSomebodyDoes() throws Exception {
    try (RedisStore writing = store("announcing"); RedisStore reading = store("listening")) {
      InvalidationBus.Membership announcer = writing.invalidationBus().announce("app:quiet#near");
      // Two counts of none, the latest still trusted.
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(2 * ListenerCensus.EVERY_NANOS) + 100);
      REDIS.server().cli("CONFIG", "RESETSTAT");
      for (int i = 0; i < 100; i++) {
        announcer.publish(List.of(("app:quiet:k" + i).getBytes(StandardCharsets.UTF_8)));
      }
      Thread.sleep(300);
      assertEquals(0, REDIS.server().calls("publish"), "keys were published to a channel nobody listened on");
      assertTrue(REDIS.server().calls("pubsub|numsub") > 0, "the announcer never counted its listeners");

      Queue<String> heard = new ConcurrentLinkedQueue<>();
      InvalidationBus.Membership listener = reading.invalidationBus().join("app:quiet#near", new InvalidationBus.Listener() {
        @Override
        public void invalidate(List<byte[]> keys) {
          keys.forEach(key -> heard.add(new String(key, StandardCharsets.UTF_8)));
        }

        @Override
        public void invalidateAll() {
        }
      });
      await(listener::isOnline, "the listener came online");
      announcer.publish(List.of("app:quiet:after".getBytes(StandardCharsets.UTF_8)));
      await(() -> heard.contains("app:quiet:after"), "a write made once somebody listened was heard");
    }
  }

  @Test
  void onTongrdsAnAnnouncerSendsEveryWriteForNobodyKnowsHowItCountsListeners() throws Exception {
    URI tongrds = URI.create(REDIS.server().uri().replaceFirst("^redis://", "tongrds://"));
    try (RedisStore writing = new RedisStore(new StoreSettings("tongrds", tongrds, Duration.ofSeconds(5), 4,
        Duration.ofMinutes(1)), "app", System::currentTimeMillis)) {
      InvalidationBus.Membership announcer = writing.invalidationBus().announce("app:tongrds#near");
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(2 * ListenerCensus.EVERY_NANOS) + 100);
      REDIS.server().cli("CONFIG", "RESETSTAT");
      announcer.publish(List.of("app:tongrds:k".getBytes(StandardCharsets.UTF_8)));
      await(() -> REDIS.server().calls("publish") > 0, "the write was announced though nobody listened");
      assertEquals(0, REDIS.server().calls("pubsub|numsub"), "TongRDS was asked to count listeners");
    }
  }
}
