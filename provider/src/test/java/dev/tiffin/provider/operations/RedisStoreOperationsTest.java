package dev.tiffin.provider.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.testing.redis.LocalRedis;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store operations contract on a standalone Redis, and counters shared with {@code redis-cli}. */
class RedisStoreOperationsTest extends StoreOperationsContract {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @Override
  String uri() {
    return REDIS.server().uri();
  }

  @Test
  void redisCliIncrbyAndIncrCountTogether() {
    String name = "shared-with-redis-cli";
    TiffinCache<String, String> cache = cache(name, new MutableConfiguration<>());
    String storeKey = APP + ":" + name + ":visits";
    long expected = 0;
    for (int i = 1; i <= 50; i++) {
      expected += i;
      if (i % 2 == 0) {
        REDIS.server().cli("INCRBY", storeKey, Integer.toString(i));
      } else {
        assertEquals(expected, cache.incr("visits", i));
      }
    }
    assertEquals(expected, cache.getNumeric("visits"));
    assertEquals(Long.toString(expected), REDIS.server().cli("GET", storeKey));
  }
}
