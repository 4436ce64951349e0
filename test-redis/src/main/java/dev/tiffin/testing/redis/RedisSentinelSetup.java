package dev.tiffin.testing.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A master {@link RedisServer} watched by one Sentinel (quorum 1, down after 2 s) under the master
 * name {@value #MASTER_NAME}, each on a free port; {@link #startWithReplica} adds a replica, so that
 * {@link #failover()} can promote it.
 */
public final class RedisSentinelSetup implements AutoCloseable {

  /** The name the sentinel monitors the master under, the path of {@link #uri()}. */
  public static final String MASTER_NAME = "tiffin";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final RedisServer master;
  private final RedisServer replica;
  private final int sentinelPort;
  private final RedisProcess sentinel;

  private RedisSentinelSetup(RedisServer master, RedisServer replica, int sentinelPort, RedisProcess sentinel) {
    this.master = master;
    this.replica = replica;
    this.sentinelPort = sentinelPort;
    this.sentinel = sentinel;
  }

  /** Starts the master and the sentinel, returning once the sentinel reports the master as up. */
  public static RedisSentinelSetup start(Path dir) {
    return start(dir, false);
  }

  /** Starts a master, a replica of it and the sentinel, returning once the sentinel knows both. */
  public static RedisSentinelSetup startWithReplica(Path dir) {
    return start(dir, true);
  }

  private static RedisSentinelSetup start(Path dir, boolean withReplica) {
    Objects.requireNonNull(dir, "dir");
    Path folder = RedisConfigFile.absoluteFolder(dir);
    // Without the diskless-sync delay (5 s by default) a replica is in sync at once.
    RedisServer master = RedisServer.start(folder, List.of("repl-diskless-sync-delay 0"));
    RedisServer replica = null;
    RedisProcess sentinel = null;
    try {
      if (withReplica) {
        replica = RedisServer.start(folder, List.of("replicaof " + master.host() + " " + master.port()));
        awaitInSync(replica);
      }
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
      RedisSentinelSetup setup = new RedisSentinelSetup(master, replica, port, sentinel);
      setup.awaitMasterUp();
      return setup;
    } catch (RuntimeException e) {
      if (sentinel != null) {
        sentinel.stop();
      }
      if (replica != null) {
        replica.stop();
      }
      master.stop();
      throw e;
    }
  }

  /**
   * Asks the sentinel to promote the replica ({@code SENTINEL FAILOVER}, retried while the sentinel has
   * not yet discovered it) and returns once the sentinel names the replica as the master.
   */
  public void failover() {
    if (replica == null) {
      throw new IllegalStateException("no replica to promote: use startWithReplica");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> promoted = List.of(replica.host(), Integer.toString(replica.port()));
    String answer = "";
    boolean asked = false;
    while (System.nanoTime() < deadline) {
      try (RespConnection connection = RespConnection.open(RedisServer.HOST, sentinelPort, Duration.ofSeconds(2))) {
        if (!asked) {
          answer = String.valueOf(connection.call("SENTINEL", "FAILOVER", MASTER_NAME));
          asked = answer.equals("OK");
        }
        if (asked && promoted.equals(connection.call("SENTINEL", "get-master-addr-by-name", MASTER_NAME))) {
          return;
        }
      } catch (IOException e) {
        answer = e.toString();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the failover", e);
      }
    }
    throw new IllegalStateException("The sentinel did not promote the replica within 30 s (last answer: " + answer
        + "); " + sentinel.tail());
  }

  /** Returns the replica, or {@code null} without one. */
  public RedisServer replica() {
    return replica;
  }

  private static void awaitInSync(RedisServer replica) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (replica.cli("INFO", "replication").contains("master_link_status:up")) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the replica", e);
      }
    }
    throw new IllegalStateException("The replica " + replica + " did not sync with its master within "
        + READY_TIMEOUT.toSeconds() + " s");
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

  /** Stops the sentinel, then the servers; safe to repeat. */
  @Override
  public void close() {
    try {
      sentinel.stop();
    } finally {
      try {
        if (replica != null) {
          replica.stop();
        }
      } finally {
        master.stop();
      }
    }
  }

  @Override
  public String toString() {
    return "RedisSentinelSetup[" + uri() + " -> " + master + "]";
  }
}
