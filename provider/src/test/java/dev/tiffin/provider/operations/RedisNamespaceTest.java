package dev.tiffin.provider.operations;

import dev.tiffin.testing.redis.LocalRedis;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The namespace contract on a standalone Redis, where the background reclamation is watched too. */
class RedisNamespaceTest extends NamespaceContract {

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  @Override
  String uri() {
    return REDIS.server().uri();
  }

  @Override
  void awaitReclaimed(int count) throws Exception {
    await(() -> Long.parseLong(REDIS.server().cli("DBSIZE").trim()) < count, "reclaimed");
  }
}
