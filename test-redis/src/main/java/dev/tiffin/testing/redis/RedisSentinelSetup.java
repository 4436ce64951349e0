package dev.tiffin.testing.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A master {@link RedisServer} watched by one Sentinel (quorum 1, down after 2 s) under the master
 * name {@value #MASTER_NAME}, each on a free port; there is no replica, so a failover never succeeds.
 */
public final class RedisSentinelSetup implements AutoCloseable {

  /** The name the sentinel monitors the master under, the path of {@link #uri()}. */
  public static final String MASTER_NAME = "tiffin";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final RedisServer master;
  private final int sentinelPort;
  private final RedisProcess sentinel;

  private RedisSentinelSetup(RedisServer master, int sentinelPort, RedisProcess sentinel) {
    this.master = master;
    this.sentinelPort = sentinelPort;
    this.sentinel = sentinel;
  }

  /** Starts the master and the sentinel, returning once the sentinel reports the master as up. */
  public static RedisSentinelSetup start(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path folder = RedisConfigFile.absoluteFolder(dir);
    RedisServer master = RedisServer.start(folder);
    RedisProcess sentinel = null;
    try {
      int port = FreePorts.next();
      Path log = folder.resolve("sentinel-" + port + ".log");
      // Sentinel rewrites this file (myid, known replicas), so it must stay writable.
      Path config = RedisConfigFile.write(folder.resolve("sentinel-" + port + ".conf"), List.of(
          "bind " + RedisServer.HOST,
          "port " + port,
          "protected-mode no",
          "daemonize no",
          "dir " + RedisConfigFile.quote(folder),
          "logfile " + RedisConfigFile.quote(log),
          "sentinel monitor " + MASTER_NAME + " " + master.host() + " " + master.port() + " 1",
          "sentinel down-after-milliseconds " + MASTER_NAME + " 2000"));
      sentinel = new RedisProcess(config, List.of("--sentinel"), port, log);
      sentinel.start();
      RedisSentinelSetup setup = new RedisSentinelSetup(master, port, sentinel);
      setup.awaitMasterUp();
      return setup;
    } catch (RuntimeException e) {
      if (sentinel != null) {
        sentinel.stop();
      }
      master.stop();
      throw e;
    }
  }

  private void awaitMasterUp() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<String> expected = List.of(master.host(), Integer.toString(master.port()));
    Object address = null;
    Object flags = null;
    while (System.nanoTime() < deadline) {
      try (RespConnection connection = RespConnection.open(RedisServer.HOST, sentinelPort, Duration.ofSeconds(2))) {
        address = connection.call("SENTINEL", "get-master-addr-by-name", MASTER_NAME);
        flags = flags(connection.call("SENTINEL", "master", MASTER_NAME));
        if (expected.equals(address) && "master".equals(flags)) {
          return;
        }
      } catch (IOException e) {
        address = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the sentinel", e);
      }
    }
    throw new IllegalStateException("Sentinel on port " + sentinelPort + " did not report master " + expected
        + " as up within " + READY_TIMEOUT.toSeconds() + " s (address " + address + ", flags " + flags + "); "
        + sentinel.tail());
  }

  /** SENTINEL MASTER answers a flat name/value list; returns the value of "flags". */
  private static Object flags(Object reply) {
    if (reply instanceof List<?> fields) {
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("flags".equals(fields.get(i))) {
          return fields.get(i + 1);
        }
      }
    }
    return reply;
  }

  /** Returns the monitored master. */
  public RedisServer master() {
    return master;
  }

  /** Returns the sentinel's host, {@value RedisServer#HOST}. */
  public String sentinelHost() {
    return RedisServer.HOST;
  }

  /** Returns the sentinel's port. */
  public int sentinelPort() {
    return sentinelPort;
  }

  /** Returns the PID of the sentinel process. */
  public long sentinelPid() {
    return sentinel.pid();
  }

  /** Returns {@code redis-sentinel://127.0.0.1:<sentinelPort>/tiffin}, the form a Tiffin store URI takes. */
  public String uri() {
    return "redis-sentinel://" + RedisServer.HOST + ":" + sentinelPort + "/" + MASTER_NAME;
  }

  /** Runs {@code redis-cli -h 127.0.0.1 -p <sentinelPort> args...} and returns its raw output. */
  public String sentinelCli(String... args) {
    List<String> command = new ArrayList<>(List.of("-h", RedisServer.HOST, "-p", Integer.toString(sentinelPort)));
    command.addAll(List.of(args));
    return RedisCli.run(READY_TIMEOUT, command);
  }

  /** Stops the sentinel, then the master; safe to repeat. */
  @Override
  public void close() {
    try {
      sentinel.stop();
    } finally {
      master.stop();
    }
  }

  @Override
  public String toString() {
    return "RedisSentinelSetup[" + uri() + " -> " + master + "]";
  }
}
