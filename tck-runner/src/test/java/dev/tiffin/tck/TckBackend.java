package dev.tiffin.tck;

import dev.tiffin.testing.redis.RedisCluster;
import dev.tiffin.testing.redis.RedisSentinelSetup;
import dev.tiffin.testing.redis.RedisServer;
import dev.tiffin.testing.redis.TongrdsProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the backend a TCK run asks for ({@code -Dtck.backend=sqlite|redis|redis-cluster|redis-sentinel|tongrds}) before
 * any test runs, points Tiffin's default store at it, and stops it when the run ends.
 *
 * <p>With {@code -Dtck.near=true} every cache gets a near tier, as a user turns it on with
 * {@code tiffin.cache.*.near.max-entries}, and the run keeps its data apart; with {@code -Dtck.write-behind=true}
 * every cache's puts are also written behind ({@code tiffin.cache.*.write-behind.max-pending}).
 *
 * <p>The system property {@code tiffin.store.default.uri} outranks the {@code tiffin.properties}
 * on the class path, exactly as it would for an application. The one-server Redis run has no signing
 * key (values fall back to the allow-list this JVM learns as it writes); the cluster and TongRDS runs
 * have one, as a production deployment would.
 */
public final class TckBackend implements LauncherSessionListener {

  private AutoCloseable server;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String backend = System.getProperty("tck.backend", "sqlite");
    boolean near = Boolean.getBoolean("tck.near");
    boolean writeBehind = Boolean.getBoolean("tck.write-behind");
    Path data = Path.of(System.getProperty("tck.data", "target/tck-data"))
        .resolve(backend + (near ? "-near" : "") + (writeBehind ? "-write-behind" : ""));
    if (near) {
      System.setProperty("tiffin.cache.*.near.max-entries", "10000");
    }
    if (writeBehind) {
      System.setProperty("tiffin.cache.*.write-behind.max-pending", "10000");
    }
    try {
      Files.createDirectories(data);
      switch (backend) {
        case "sqlite" -> {
          if (near || writeBehind) {
            System.setProperty("tiffin.store.default.uri", "sqlite:" + data.resolve("tck.db"));
          }
          return;
        }
        case "redis" -> {
          RedisServer redis = RedisServer.start(data);
          server = redis;
          System.setProperty("tiffin.store.default.uri", redis.uri());
        }
        case "redis-cluster" -> {
          RedisCluster cluster = RedisCluster.start(data, 3);
          server = cluster;
          System.setProperty("tiffin.store.default.uri", cluster.uri());
          System.setProperty("tiffin.store.default.signing-key", randomKey());
        }
        case "redis-sentinel" -> {
          // The master a Sentinel names: the same server, found through Sentinel as production finds it.
          RedisSentinelSetup sentinel = RedisSentinelSetup.start(data);
          server = sentinel;
          System.setProperty("tiffin.store.default.uri", sentinel.uri());
          System.setProperty("tiffin.store.default.signing-key", randomKey());
        }
        case "tongrds" -> {
          // A real redis-server refusing on the wire what TongRDS lacks (WATCH, GETEX, GETDEL, …).
          RedisServer profile = TongrdsProfile.start(data, false);
          server = profile;
          System.setProperty("tiffin.store.default.uri", "tongrds://127.0.0.1:" + profile.port());
          System.setProperty("tiffin.store.default.signing-key", randomKey());
        }
        default -> throw new IllegalArgumentException(
            "tck.backend must be sqlite, redis, redis-cluster, redis-sentinel or tongrds, was " + backend);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the " + backend + " backend for the TCK: " + e.getMessage(), e);
    }
  }

  private static String randomKey() {
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.HexFormat.of().formatHex(random);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not stop the TCK backend", e);
      }
    }
  }
}
