package dev.tiffin.provider.operations;

import dev.tiffin.testing.redis.RedisCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The namespace contract on a 3-master Redis Cluster. */
class ClusterNamespaceTest extends NamespaceContract {

  @TempDir
  static Path folder;

  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.start(folder, 3);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Override
  String uri() {
    return cluster.uri();
  }
}
