package dev.tiffin.provider.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Walks the keys under one prefix with {@code SCAN … MATCH <prefix>*}: on the one server, or on
 * every cluster master in turn. Never {@code KEYS}, never an unscoped scan.
 *
 * <p>A cursor is {@code <master index>:<scan cursor>}; standalone stores use master index 0.
 */
final class RedisKeyspace {

  private static final byte[] START = "0:0".getBytes(StandardCharsets.US_ASCII);

  private final UnifiedJedis client;
  /** The cluster's masters as of the latest scan's first page; later pages reuse them. */
  private volatile List<ConnectionPool> knownMasters = List.of();

  RedisKeyspace(UnifiedJedis client) {
    this.client = client;
  }

  /** One page of keys under {@code prefix}, and the cursor of the next page or null. */
  Page scan(byte[] prefix, byte[] cursor, int count) {
    String[] position = new String(cursor == null ? START : cursor, StandardCharsets.US_ASCII).split(":", 2);
    int master = Integer.parseInt(position[0]);
    ScanParams params = new ScanParams().match(pattern(prefix)).count(count);
    byte[] scanCursor = position[1].getBytes(StandardCharsets.US_ASCII);
    ScanResult<byte[]> result;
    int masters;
    if (client instanceof RedisClusterClient cluster) {
      if (cursor == null || knownMasters.isEmpty()) {
        knownMasters = masters(cluster);
      }
      List<ConnectionPool> nodes = knownMasters;
      masters = nodes.size();
      if (master >= masters) {
        return new Page(List.of(), null);
      }
      try (Connection connection = nodes.get(master).getResource()) {
        result = new Jedis(connection).scan(scanCursor, params);
      }
    } else {
      masters = 1;
      result = client.scan(scanCursor, params);
    }
    String next = result.getCursor();
    String nextCursor = !"0".equals(next) ? master + ":" + next : master + 1 < masters ? (master + 1) + ":0" : null;
    return new Page(result.getResult(),
        nextCursor == null ? null : nextCursor.getBytes(StandardCharsets.US_ASCII));
  }

  /** The cluster's masters in a stable order, found with {@code ROLE}. */
  private static List<ConnectionPool> masters(RedisClusterClient cluster) {
    List<Map.Entry<String, ConnectionPool>> nodes = new ArrayList<>(cluster.getClusterNodes().entrySet());
    nodes.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    List<ConnectionPool> masters = new ArrayList<>();
    for (Map.Entry<String, ConnectionPool> node : nodes) {
      try (Connection connection = node.getValue().getResource()) {
        List<Object> role = new Jedis(connection).role();
        Object kind = role.isEmpty() ? null : role.get(0);
        String name = kind instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII) : String.valueOf(kind);
        if ("master".equals(name)) {
          masters.add(node.getValue());
        }
      }
    }
    return masters;
  }

  /** {@code <prefix>*} with the glob characters of the prefix escaped. */
  static byte[] pattern(byte[] prefix) {
    byte[] out = new byte[prefix.length * 2 + 1];
    int length = 0;
    for (byte b : prefix) {
      if (b == '*' || b == '?' || b == '[' || b == ']' || b == '\\') {
        out[length++] = '\\';
      }
      out[length++] = b;
    }
    out[length++] = '*';
    return java.util.Arrays.copyOf(out, length);
  }

  /** Keys found, and where the next page starts. */
  record Page(List<byte[]> keys, byte[] cursor) {
  }
}
