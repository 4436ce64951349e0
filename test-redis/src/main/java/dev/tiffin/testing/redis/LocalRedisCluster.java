package dev.tiffin.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A 3-master Redis Cluster for one test class, registered as a static JUnit extension: started in a
 * folder of its own before the class's first test, stopped and its folder removed after the last.
 */
public final class LocalRedisCluster implements BeforeAllCallback, AfterAllCallback {

  private Path folder;
  private RedisCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    folder = Files.createTempDirectory("tiffin-cluster-");
    cluster = RedisCluster.start(folder, 3);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      cluster.close();
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not remove the test cluster's folder " + folder, e);
      }
    }
  }

  /** The running cluster. */
  public RedisCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("LocalRedisCluster runs only as a static @RegisterExtension field");
    }
    return cluster;
  }
}
