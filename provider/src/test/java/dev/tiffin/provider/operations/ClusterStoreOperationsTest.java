package dev.tiffin.provider.operations;

import dev.tiffin.testing.redis.LocalRedisCluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store operations contract on a 3-master Redis Cluster. */
class ClusterStoreOperationsTest extends StoreOperationsContract {

  @RegisterExtension
  static final LocalRedisCluster CLUSTER = new LocalRedisCluster();

  @Override
  String uri() {
    return CLUSTER.cluster().uri();
  }
}
