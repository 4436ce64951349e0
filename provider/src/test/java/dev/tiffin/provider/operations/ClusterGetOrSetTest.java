package dev.tiffin.provider.operations;

import dev.tiffin.testing.redis.LocalRedisCluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The getOrSet contract on a 3-master Redis Cluster. */
class ClusterGetOrSetTest extends GetOrSetContract {

  @RegisterExtension
  static final LocalRedisCluster CLUSTER = new LocalRedisCluster();

  @Override
  String uri() {
    return CLUSTER.cluster().uri();
  }
}
