package dev.tiffin.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisClusterTest {

  @TempDir
  Path dir;

  @Test
  void threeMastersServeKeysOnEveryNode() {
    RedisCluster cluster = RedisCluster.start(dir, 3);
    try (cluster) {
      List<RedisServer> nodes = cluster.nodes();
      assertEquals(3, nodes.size());
      assertEquals(nodes.stream().map(node -> "127.0.0.1:" + node.port())
          .collect(Collectors.joining(",", "redis-cluster://", "")), cluster.uri());
      for (RedisServer node : nodes) {
        String info = node.cli("CLUSTER", "INFO");
        assertTrue(info.contains("cluster_state:ok"), info);
        assertTrue(info.contains("cluster_slots_assigned:16384"), info);
      }

      Map<Integer, String> keyByOwner = oneKeyPerNode(nodes);
      assertEquals(3, keyByOwner.size(), keyByOwner::toString);

      RedisServer entry = nodes.get(0);
      for (Map.Entry<Integer, String> owned : keyByOwner.entrySet()) {
        String key = owned.getValue();
        assertEquals("OK", entry.cli("-c", "SET", key, "value-of-" + key));
        assertEquals("value-of-" + key, nodes.get(2).cli("-c", "GET", key));
        RedisServer owner = nodes.stream().filter(node -> node.port() == owned.getKey()).findFirst().orElseThrow();
        assertEquals("value-of-" + key, owner.cli("GET", key), "stored on the node that owns the slot");
      }
    }
    cluster.close();
    assertFalse(cluster.nodes().stream().anyMatch(RedisServer::isRunning));
  }

  /** Asks node 0 for each candidate key; a MOVED answer names the owner's port. */
  private static Map<Integer, String> oneKeyPerNode(List<RedisServer> nodes) {
    Map<Integer, String> keyByOwner = new LinkedHashMap<>();
    for (int i = 0; i < 100 && keyByOwner.size() < nodes.size(); i++) {
      String key = "key-" + i;
      String answer = nodes.get(0).cli("GET", key);
      int owner = answer.startsWith("MOVED")
          ? Integer.parseInt(answer.substring(answer.lastIndexOf(':') + 1).trim())
          : nodes.get(0).port();
      keyByOwner.putIfAbsent(owner, key);
    }
    return keyByOwner;
  }
}
