package dev.tiffin.provider.operations;

import dev.tiffin.testing.redis.LocalRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The getOrSet contract on a standalone Redis. */
class RedisGetOrSetTest extends GetOrSetContract {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @Override
  String uri() {
    return REDIS.server().uri();
  }
}
