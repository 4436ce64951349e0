package dev.tiffin.provider.store.redis;

import java.util.Map;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * The connection pool of a standalone server, which replaces a broken connection when the next
 * caller needs one rather than at once.
 *
 * <p>commons-pool2 opens a replacement inside {@code invalidateObject}, on the thread whose command
 * just failed: against a stalled server that handshake waits a second full timeout, so an operation
 * with {@code timeout=1s} took 2 s. Opening connections lazily keeps every operation within its one
 * timeout.
 */
final class LazyRefillPool implements ConnectionProvider {

  private final HostAndPort node;
  private final ConnectionPool pool;

  LazyRefillPool(HostAndPort node, JedisClientConfig config, GenericObjectPoolConfig<Connection> poolConfig) {
    this.node = node;
    this.pool = new ConnectionPool(new ConnectionFactory(node, config), poolConfig) {
      @Override
      public void addObject() {
        // No eager refill: the next borrower opens a connection if it needs one.
      }
    };
  }

  /** Drops every idle connection, as after a server restart all of them are dead. */
  void clearIdle() {
    pool.clear();
  }

  @Override
  public Connection getConnection() {
    return pool.getResource();
  }

  @Override
  public Connection getConnection(CommandArguments args) {
    return pool.getResource();
  }

  @Override
  public Map<?, ?> getConnectionMap() {
    return Map.of(node, pool);
  }

  @Override
  public Map<?, ?> getPrimaryNodesConnectionMap() {
    return getConnectionMap();
  }

  @Override
  public void close() {
    pool.close();
  }
}
