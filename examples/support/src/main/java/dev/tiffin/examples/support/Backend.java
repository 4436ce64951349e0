package dev.tiffin.examples.support;

import dev.tiffin.testing.redis.RedisServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.cache.Caching;

/**
 * Where Tiffin keeps the caches while an example's tests run; the only place the examples touch Tiffin's settings.
 *
 * <ul>
 *   <li>{@link #SQLITE}: the embedded default, with no configuration at all. Its file is
 *       {@code $XDG_CACHE_HOME/tiffin/default.db}, and Surefire points {@code XDG_CACHE_HOME} into
 *       {@code target/}.</li>
 *   <li>{@link #REDIS}: a real redis-server on a free loopback port, chosen with system properties only.</li>
 * </ul>
 */
public enum Backend {
  SQLITE,
  REDIS;

  private static final String URI = "tiffin.store.default.uri";
  private static final String SIGNING_KEY = "tiffin.store.default.signing-key";

  /** Points Tiffin at this backend until the returned handle is closed: call it before the framework boots. */
  public InUse use() {
    if (this == SQLITE) {
      return new InUse(null);
    }
    RedisServer server = RedisServer.start(Path.of("target", "redis"));
    System.setProperty(URI, server.uri());
    System.setProperty(SIGNING_KEY, randomKey());
    return new InUse(server);
  }

  private static String randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes); // 44 characters
  }

  /** A backend in use; closing it closes the provider (and its stores) and undoes {@link #use()}. */
  public static final class InUse implements AutoCloseable {
    private final RedisServer server;

    private InUse(RedisServer server) {
      this.server = server;
    }

    @Override
    public void close() {
      try {
        Caching.getCachingProvider().close();
      } finally {
        System.clearProperty(URI);
        System.clearProperty(SIGNING_KEY);
        if (server != null) {
          server.close();
        }
      }
    }
  }
}
