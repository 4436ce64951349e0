package dev.tiffin.testing.redis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of masters only, each a {@link RedisServer} on a free port (whose port + 10000,
 * the cluster bus, is free too), joined with {@code redis-cli --cluster create}.
 */
public final class RedisCluster implements AutoCloseable {

  private static final int SLOTS = 16384;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Starts the given number (at least 3) of master nodes, spreads the slots and returns once every node says cluster_state:ok. */
  public static RedisCluster start(Path dir, int masters) {
    Objects.requireNonNull(dir, "dir");
    if (masters < 3) {
      throw new IllegalArgumentException("Redis Cluster needs at least 3 masters, got " + masters);
    }
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < masters; i++) {
        nodes.add(RedisServer.start(dir, FreePorts::nextWithClusterBus, port -> List.of(
            "cluster-enabled yes",
            "cluster-config-file " + RedisConfigFile.quote("nodes-" + port + ".conf"),
            "cluster-node-timeout 5000")));
      }
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.create();
      cluster.awaitReady();
      return cluster;
    } catch (RuntimeException e) {
      nodes.forEach(RedisServer::stop);
      throw e;
    }
  }

  private void create() {
    List<String> args = new ArrayList<>(List.of("--cluster", "create"));
    nodes.forEach(node -> args.add(node.host() + ":" + node.port()));
    args.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    String output = RedisCli.run(READY_TIMEOUT, args);
    if (!output.contains("All " + SLOTS + " slots covered")) {
      throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
    }
  }

  /**
   * Waits until every node says cluster_state:ok with all slots assigned, as after a node restart,
   * which keeps its slots but answers CLUSTERDOWN for about 2 s.
   */
  public void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String lastInfo = "";
    for (RedisServer node : nodes) {
      while (true) {
        lastInfo = clusterInfo(node);
        if (lastInfo.contains("cluster_state:ok")
            && lastInfo.contains("cluster_slots_assigned:" + SLOTS)
            && lastInfo.contains("cluster_known_nodes:" + nodes.size())) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Cluster node " + node.port() + " not ready within "
              + READY_TIMEOUT.toSeconds() + " s; CLUSTER INFO:\n" + lastInfo);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the cluster", e);
        }
      }
    }
  }

  private static String clusterInfo(RedisServer node) {
    try (RespConnection connection = RespConnection.open(node.host(), node.port(), Duration.ofSeconds(2))) {
      return String.valueOf(connection.call("CLUSTER", "INFO"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Returns the nodes in the order of {@link #uri()}; each can be stopped, restarted, queried and monitored on its own. */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** Returns {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...}, the form a Tiffin store URI takes. */
  public String uri() {
    return nodes.stream().map(node -> node.host() + ":" + node.port())
        .collect(Collectors.joining(",", "redis-cluster://", ""));
  }

  /** Stops every node; safe to repeat. */
  @Override
  public void close() {
    nodes.forEach(RedisServer::stop);
  }

  @Override
  public String toString() {
    return "RedisCluster[" + uri() + "]";
  }
}
