package dev.tiffin.provider.store.redis;

import dev.tiffin.config.Secret;
import dev.tiffin.config.StoreSettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import javax.cache.CacheException;
import javax.net.ssl.SSLParameters;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Builds the Jedis client for a store's address and settings, and checks at once that it answers. */
final class RedisConnector {

  private RedisConnector() {
  }

  /** A connected client, and how to drop its idle connections (a no-op where Jedis manages them itself). */
  record Connected(UnifiedJedis client, Runnable dropIdleConnections) {
  }

  static Connected connect(StoreSettings settings, RedisAddress address) {
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeout)
        .socketTimeoutMillis(timeout)
        .resp2()
        .clientName("tiffin")
        .database(address.database());
    String user = settings.username().orElse(address.username());
    if (user != null) {
      if (address.tongrds()) {
        throw new CacheException("TongRDS store '" + settings.name() + "' authenticates by password only: remove "
            + "the user from tiffin.store." + settings.name() + ".uri and tiffin.store." + settings.name() + ".username");
      }
      config.user(user);
    }
    if (address.tongrds()) {
      // TongRDS knows CLIENT SETNAME/GETNAME/LIST only: no CLIENT SETINFO on connect.
      config.clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    }
    settings.password().map(Secret::reveal).ifPresent(config::password);
    if (address.tls()) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      config.ssl(true).sslParameters(parameters);
    }
    JedisClientConfig clientConfig = config.build();
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(settings.poolSize());
    pool.setMaxIdle(settings.poolSize());
    pool.setMaxWait(Duration.ofMillis(timeout));
    pool.setJmxEnabled(false);
    UnifiedJedis client;
    LazyRefillPool standalonePool = address.kind() == RedisAddress.Kind.STANDALONE
        ? new LazyRefillPool(address.nodes().get(0), clientConfig, pool) : null;
    try {
      client = switch (address.kind()) {
        case STANDALONE -> RedisClient.builder().hostAndPort(address.nodes().get(0)).clientConfig(clientConfig)
            .connectionProvider(standalonePool).build();
        case SENTINEL -> RedisSentinelClient.builder().masterName(address.masterName())
            .sentinels(new LinkedHashSet<>(address.nodes()))
            .sentinelClientConfig(DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).resp2().build())
            .clientConfig(clientConfig).poolConfig(pool).build();
        case CLUSTER -> RedisClusterClient.builder().nodes(new LinkedHashSet<>(address.nodes()))
            .clientConfig(clientConfig).poolConfig(pool).maxAttempts(3)
            .maxTotalRetriesDuration(Duration.ofMillis(timeout)).build();
      };
    } catch (JedisException e) {
      throw unreachable(settings, address, e);
    }
    try {
      client.ping();
    } catch (JedisException e) {
      client.close();
      throw unreachable(settings, address, e);
    }
    return new Connected(client, standalonePool == null ? () -> { } : standalonePool::clearIdle);
  }

  static CacheException unreachable(StoreSettings settings, RedisAddress address, JedisException e) {
    return new CacheException(address.product() + " store '" + settings.name() + "' at " + address.describeNodes()
        + " is not usable: " + RedisFailures.describe(e), e);
  }
}
