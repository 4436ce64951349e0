package dev.tiffin.provider.store.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.cache.CacheException;
import redis.clients.jedis.HostAndPort;

/**
 * Where a Redis-protocol store lives, read from its URI: {@code redis://[user@]host:port[/db]},
 * {@code rediss://…} (TLS), {@code redis-sentinel://host:port,host:port/<master>[/db]} and
 * {@code redis-cluster://host:port,host:port}. A password never appears here.
 *
 * @param kind how the nodes are reached
 * @param nodes the server, the sentinels, or the cluster seed nodes
 * @param database the logical database (standalone and sentinel only)
 * @param masterName the sentinel master's name, or null
 * @param username the user named in the URI, or null
 * @param tls whether connections use TLS with hostname verification
 * @param tongrds whether the server is TongRDS (its Redis-emulation port) rather than Redis
 */
public record RedisAddress(Kind kind, List<HostAndPort> nodes, int database, String masterName, String username,
    boolean tls, boolean tongrds) {

  /** How a store reaches its Redis nodes. */
  public enum Kind { STANDALONE, SENTINEL, CLUSTER }

  private static final int DEFAULT_PORT = 6379;
  private static final int DEFAULT_SENTINEL_PORT = 26379;

  /** Parses a store URI; {@code setting} names the key in errors. */
  public static RedisAddress parse(URI uri, String setting) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tongrds = scheme.startsWith("tongrds");
    if (tongrds) {
      // TongRDS speaks the Redis protocol on its emulation port; only the dialect differs.
      scheme = scheme.replace("tongrds", "redis");
    }
    String rest = uri.getRawSchemeSpecificPart();
    if (!rest.startsWith("//")) {
      throw invalid(setting, "expected " + scheme + "://host:port");
    }
    rest = rest.substring(2);
    String username = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      username = rest.substring(0, at);
      rest = rest.substring(at + 1);
    }
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    List<String> path = slash < 0 ? List.of()
        : List.of(rest.substring(slash + 1).split("/")).stream().filter(part -> !part.isEmpty()).toList();
    return switch (scheme) {
      case "redis", "rediss" -> new RedisAddress(Kind.STANDALONE, nodes(hosts, DEFAULT_PORT, setting, 1),
          database(path, 0, setting), null, username, scheme.equals("rediss"), tongrds);
      case "redis-sentinel" -> {
        if (path.isEmpty()) {
          throw invalid(setting, "expected redis-sentinel://host:port[,host:port]/<master name>[/db]");
        }
        yield new RedisAddress(Kind.SENTINEL, nodes(hosts, DEFAULT_SENTINEL_PORT, setting, Integer.MAX_VALUE),
            database(path, 1, setting), path.get(0), username, false, tongrds);
      }
      case "redis-cluster" -> {
        if (!path.isEmpty()) {
          throw invalid(setting, "a Redis Cluster has no database index: expected redis-cluster://host:port[,host:port]");
        }
        yield new RedisAddress(Kind.CLUSTER, nodes(hosts, DEFAULT_PORT, setting, Integer.MAX_VALUE), 0, null,
            username, false, tongrds);
      }
      default -> throw invalid(setting, "unsupported scheme " + scheme);
    };
  }

  private static List<HostAndPort> nodes(String hosts, int defaultPort, String setting, int max) {
    List<HostAndPort> nodes = new ArrayList<>();
    for (String node : hosts.split(",")) {
      if (node.isBlank()) {
        continue;
      }
      int colon = node.lastIndexOf(':');
      try {
        nodes.add(colon < 0 ? new HostAndPort(node, defaultPort)
            : new HostAndPort(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1))));
      } catch (NumberFormatException e) {
        throw invalid(setting, "'" + node + "' is not host:port");
      }
    }
    if (nodes.isEmpty() || nodes.size() > max) {
      throw invalid(setting, max == 1 ? "exactly one host:port" : "one or more host:port, comma-separated");
    }
    return List.copyOf(nodes);
  }

  private static int database(List<String> path, int index, String setting) {
    if (path.size() <= index) {
      return 0;
    }
    try {
      return Integer.parseInt(path.get(index));
    } catch (NumberFormatException e) {
      throw invalid(setting, "the database index must be a number, was '" + path.get(index) + "'");
    }
  }

  private static CacheException invalid(String setting, String problem) {
    return new CacheException("Setting " + setting + ": " + problem);
  }

  /** The product name for messages: Redis or TongRDS. */
  public String product() {
    return tongrds ? "TongRDS" : "Redis";
  }

  /** The nodes as {@code host:port,host:port}, for messages. */
  public String describeNodes() {
    return String.join(",", nodes.stream().map(HostAndPort::toString).toList());
  }
}
