package dev.tiffin.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A redis-server for one test class, registered as a static JUnit extension: started in a folder of
 * its own before the class's first test, stopped and its folder removed after the last.
 */
public final class LocalRedis implements BeforeAllCallback, AfterAllCallback {

  private final List<String> configLines;
  private Path folder;
  private RedisServer server;

  /** A server with the default test configuration. */
  public LocalRedis() {
    this(List.of());
  }

  /** A server whose configuration ends with {@code configLines}, such as {@code requirepass secret}. */
  public LocalRedis(List<String> configLines) {
    this.configLines = List.copyOf(configLines);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    folder = Files.createTempDirectory("tiffin-redis-");
    server = RedisServer.start(folder, configLines);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      server.close();
    } finally {
      deleteFolder();
    }
  }

  /** The running server. */
  public RedisServer server() {
    if (server == null) {
      throw new IllegalStateException("LocalRedis runs only as a static @RegisterExtension field");
    }
    return server;
  }

  private void deleteFolder() {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the test server's folder " + folder, e);
    }
  }
}
