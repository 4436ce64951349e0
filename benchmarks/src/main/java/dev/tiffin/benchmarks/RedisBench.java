package dev.tiffin.benchmarks;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.TiffinCachingProvider;
import dev.tiffin.testing.redis.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.jcache.configuration.RedissonConfiguration;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Tiffin's Redis store next to hand-written Jedis sending the same bytes, and next to Redisson's
 * JCache, in the same run against one local redis-server, so the ratios are what matters.
 *
 * <p>Single-key operations only; {@link RedisBulkBench} has the 100-key ones. Every trial starts
 * a fresh server holding the {@link KeyStream} entries. Thread count comes from the command line
 * ({@code -t 1}, {@code -t 4}); see benchmarks/README.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisBench {

  /** Tiffin's default pool size (tiffin.store.*.pool-size); the raw client gets the same. */
  static final int POOL_SIZE = 8;
  static final String REDISSON_PROVIDER = "org.redisson.jcache.JCachingProvider";
  static final String CACHE_NAME = "bench";

  /** A fresh redis-server per trial, pre-loaded with Tiffin's bytes for every key. */
  @State(Scope.Benchmark)
  public static class Server {

    private Path dir;
    RedisServer redis;

    @Setup(Level.Trial)
    public void start() throws IOException {
      dir = Files.createTempDirectory("redis-bench-");
      redis = RedisServer.start(dir);
      try (RedisClient loader = RawSide.connect(redis); AbstractPipeline pipeline = loader.pipelined()) {
        for (String key : KeyStream.KEYS) {
          pipeline.set(TiffinBytes.key(key), TiffinBytes.value(KeyStream.VALUE));
        }
        pipeline.sync();
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      redis.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** One Tiffin cache on the server, shared by all benchmark threads, as an application would. */
  @State(Scope.Benchmark)
  public static class TiffinSide {

    private TiffinCachingProvider provider;
    private CacheManager manager;
    Cache<String, String> cache;
    TiffinCache<String, String> view;
    TiffinCache<String, String> graced;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void open(Server server) {
      provider = new TiffinCachingProvider();
      manager = provider.getCacheManager(URI.create(server.redis.uri()), RedisBench.class.getClassLoader());
      cache = manager.createCache(CACHE_NAME,
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      // The raw side pre-loaded the keys; reading one back proves both sides use the same bytes.
      String first = cache.get(KeyStream.KEYS[0]);
      if (!KeyStream.VALUE.equals(first)) {
        throw new IllegalStateException("Tiffin does not read the raw side's bytes: got " + first);
      }
      view = cache.unwrap(TiffinCache.class);
      graced = GetOrSetCaches.graced(manager);
    }

    @TearDown(Level.Trial)
    public void close() {
      manager.close();
      provider.close();
    }
  }

  /** One pooled Jedis client, shared by all benchmark threads, pooled like Tiffin's. */
  @State(Scope.Benchmark)
  public static class RawSide {

    RedisClient client;

    @Setup(Level.Trial)
    public void open(Server server) {
      client = connect(server.redis);
    }

    @TearDown(Level.Trial)
    public void close() {
      client.close();
    }

    /** A client configured as Tiffin's RedisConnector builds its own: RESP2, commons-pool of 8, no JMX. */
    static RedisClient connect(RedisServer redis) {
      GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
      pool.setMaxTotal(POOL_SIZE);
      pool.setMaxIdle(POOL_SIZE);
      pool.setJmxEnabled(false);
      return RedisClient.builder()
          .hostAndPort(new HostAndPort(redis.host(), redis.port()))
          .clientConfig(DefaultJedisClientConfig.builder().resp2().clientName("raw-bench").build())
          .poolConfig(pool)
          .build();
    }

    String get(String key) {
      return TiffinBytes.stringValue(client.get(TiffinBytes.key(key)));
    }

    void put(String key, String value) {
      client.set(TiffinBytes.key(key), TiffinBytes.value(value));
    }
  }

  /**
   * Redisson's JCache through the javax.cache API, configured the documented way
   * ({@code RedissonConfiguration.fromConfig}) on the same server. It gets {@link StringCodec},
   * the cheapest codec for String entries, so serialization does not count against it.
   */
  @State(Scope.Benchmark)
  public static class RedissonSide {

    private CachingProvider provider;
    private CacheManager manager;
    Cache<String, String> cache;

    @Setup(Level.Trial)
    public void open(Server server) {
      Config config = new Config();
      config.useSingleServer().setAddress(server.redis.uri());
      config.setCodec(StringCodec.INSTANCE);
      // Two JCache providers are on the classpath: always name the one wanted.
      provider = Caching.getCachingProvider(REDISSON_PROVIDER);
      manager = provider.getCacheManager();
      MutableConfiguration<String, String> jcache =
          new MutableConfiguration<String, String>().setTypes(String.class, String.class);
      cache = manager.createCache(CACHE_NAME, RedissonConfiguration.fromConfig(config, jcache));
      Map<String, String> chunk = new HashMap<>();
      for (String key : KeyStream.KEYS) {
        chunk.put(key, KeyStream.VALUE);
        if (chunk.size() == 1_000) {
          cache.putAll(chunk);
          chunk.clear();
        }
      }
      cache.putAll(chunk);
    }

    @TearDown(Level.Trial)
    public void close() {
      manager.close();
      provider.close();
    }
  }

  @Benchmark
  public String tiffinGet(TiffinSide tiffin, KeyStream keys) {
    return tiffin.cache.get(keys.nextKey());
  }

  /** A getOrSet hit on an entry stored without grace: the same one read as {@link #tiffinGet}. */
  @Benchmark
  public String tiffinGetOrSet(TiffinSide tiffin, KeyStream keys) {
    return tiffin.view.getOrSet(keys.nextKey(), GetOrSetCaches.FACTORY);
  }

  /** A getOrSet hit on an entry stored with a grace period, whose value carries a freshness header. */
  @Benchmark
  public String tiffinGetOrSetGraced(TiffinSide tiffin, KeyStream keys) {
    return tiffin.graced.getOrSet(keys.nextKey(), GetOrSetCaches.GRACED, GetOrSetCaches.FACTORY);
  }

  @Benchmark
  public void tiffinPut(TiffinSide tiffin, KeyStream keys) {
    tiffin.cache.put(keys.nextKey(), KeyStream.VALUE);
  }

  @Benchmark
  public void tiffinMix(TiffinSide tiffin, KeyStream keys, Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.nextIsPut()) {
      tiffin.cache.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(tiffin.cache.get(key));
    }
  }

  @Benchmark
  public String rawGet(RawSide raw, KeyStream keys) {
    return raw.get(keys.nextKey());
  }

  @Benchmark
  public void rawPut(RawSide raw, KeyStream keys) {
    raw.put(keys.nextKey(), KeyStream.VALUE);
  }

  @Benchmark
  public void rawMix(RawSide raw, KeyStream keys, Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.nextIsPut()) {
      raw.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(raw.get(key));
    }
  }

  @Benchmark
  public String redissonGet(RedissonSide redisson, KeyStream keys) {
    return redisson.cache.get(keys.nextKey());
  }

  @Benchmark
  public void redissonPut(RedissonSide redisson, KeyStream keys) {
    redisson.cache.put(keys.nextKey(), KeyStream.VALUE);
  }

  @Benchmark
  public void redissonMix(RedissonSide redisson, KeyStream keys, Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.nextIsPut()) {
      redisson.cache.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(redisson.cache.get(key));
    }
  }
}
