package dev.tiffin.benchmarks;

import dev.tiffin.provider.TiffinCachingProvider;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
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

/**
 * Tiffin's near tier, on Redis: its hits next to Caffeine's own JCache {@code get} (both through the
 * {@code javax.cache} API, String values), and a skewed read-heavy workload (Zipf 0.99 over 100,000
 * keys, 90% get) next to raw Jedis doing the same against the same server, and next to the most any
 * in-process tier could reach on it (free reads, raw puts).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NearBench {

  static final String CAFFEINE_PROVIDER = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
  static final int ZIPF_KEYS = 100_000;

  /** A Tiffin cache on Redis with a near tier big enough for every key. */
  @State(Scope.Benchmark)
  public static class TiffinNear {

    private TiffinCachingProvider provider;
    private CacheManager manager;
    Cache<String, String> cache;

    @Setup(Level.Trial)
    public void open(RedisBench.Server server, ZipfData zipf) {
      Properties settings = settings();
      provider = new TiffinCachingProvider();
      manager = provider.getCacheManager(URI.create(server.redis.uri()), NearBench.class.getClassLoader(), settings);
      // Declared by the settings above; the raw side's keys (tiffin:bench:<key>) are its entries.
      @SuppressWarnings("unchecked")
      Cache<String, String> declared = (Cache<String, String>) (Cache<?, ?>) manager.getCache("bench");
      cache = declared;
      // Steady state: the near tier already holds every key either workload reads. It keeps nothing
      // until its subscription is confirmed, so the reads repeat until a pass needs no round trip.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (readAllTook(KeyStream.KEYS) + readAllTook(ZipfStream.KEYS)
          > TimeUnit.MICROSECONDS.toNanos(2) * (KeyStream.KEYS.length + ZipfStream.KEYS.length)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The near tier did not fill within 30 s");
        }
      }
    }

    Properties settings() {
      Properties settings = new Properties();
      settings.setProperty("tiffin.cache.bench.near.max-entries", "200000");
      settings.setProperty("tiffin.cache.bench.near.max-age", "10m");
      return settings;
    }

    private long readAllTook(String[] keys) {
      long start = System.nanoTime();
      for (String key : keys) {
        cache.get(key);
      }
      return System.nanoTime() - start;
    }

    @TearDown(Level.Trial)
    public void close() {
      manager.close();
      provider.close();
    }
  }

  /** The same, with its puts written behind: queued in this JVM, written to Redis by the cache's own thread. */
  @State(Scope.Benchmark)
  public static class TiffinWriteBehind extends TiffinNear {

    @Override
    Properties settings() {
      Properties settings = super.settings();
      settings.setProperty("tiffin.cache.bench.write-behind.max-pending", "10000");
      return settings;
    }
  }

  /** Caffeine's JCache provider, configured the documented way, holding the same entries. */
  @State(Scope.Benchmark)
  public static class CaffeineSide {

    private CachingProvider provider;
    private CacheManager manager;
    Cache<String, String> cache;

    @Setup(Level.Trial)
    public void open() {
      provider = Caching.getCachingProvider(CAFFEINE_PROVIDER);
      manager = provider.getCacheManager();
      cache = manager.createCache("near", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      for (String key : KeyStream.KEYS) {
        cache.put(key, KeyStream.VALUE);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      manager.close();
      provider.close();
    }
  }

  /** The Zipf keys, written to the server once per trial the way the raw side writes. */
  @State(Scope.Benchmark)
  public static class ZipfData {

    @Setup(Level.Trial)
    public void load(RedisBench.Server server) {
      try (RedisClient loader = RedisBench.RawSide.connect(server.redis); AbstractPipeline pipeline = loader.pipelined()) {
        for (String key : ZipfStream.KEYS) {
          pipeline.set(TiffinBytes.key(key), TiffinBytes.value(KeyStream.VALUE));
        }
        pipeline.sync();
      }
    }
  }

  /**
   * Each thread's Zipf(0.99) walk over {@value #ZIPF_KEYS} keys, 90% reads, drawn before the trial: a
   * draw (a binary search of 100,000 doubles) would otherwise cost every operation more than a near hit.
   */
  @State(Scope.Thread)
  public static class ZipfStream {

    static final String[] KEYS = new String[ZIPF_KEYS];
    private static final double[] CUMULATIVE = new double[ZIPF_KEYS];
    private static final int WALK = 1 << 20;

    static {
      double sum = 0;
      for (int i = 0; i < ZIPF_KEYS; i++) {
        KEYS[i] = "zipf-" + i;
        sum += 1 / Math.pow(i + 1, 0.99);
        CUMULATIVE[i] = sum;
      }
      for (int i = 0; i < ZIPF_KEYS; i++) {
        CUMULATIVE[i] /= sum;
      }
    }

    /** Each step: the key's index shifted left once, the low bit set for a put. */
    private int[] walk;
    private int at;
    private int step;

    @Setup(Level.Trial)
    public void draw() {
      SplittableRandom random = new SplittableRandom(Thread.currentThread().getId() * 0x9E3779B97F4A7C15L);
      walk = new int[WALK];
      for (int i = 0; i < WALK; i++) {
        int index = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
        int key = Math.min(ZIPF_KEYS - 1, index < 0 ? -index - 1 : index);
        walk[i] = key << 1 | (random.nextInt(10) == 0 ? 1 : 0);
      }
    }

    /** Takes the next step and returns its key. */
    String nextKey() {
      step = walk[at];
      at = (at + 1) & (WALK - 1);
      return KEYS[step >>> 1];
    }

    /** Whether the step just taken is a put. */
    boolean isPut() {
      return (step & 1) != 0;
    }
  }

  @Benchmark
  public String tiffinNearGet(TiffinNear tiffin, KeyStream keys) {
    return tiffin.cache.get(keys.nextKey());
  }

  @Benchmark
  public String caffeineGet(CaffeineSide caffeine, KeyStream keys) {
    return caffeine.cache.get(keys.nextKey());
  }

  @Benchmark
  public void zipfTiffinNear(TiffinNear tiffin, ZipfStream keys, Blackhole blackhole) {
    zipfStep(tiffin.cache, keys, blackhole);
  }

  @Benchmark
  public void zipfTiffinWriteBehind(TiffinWriteBehind tiffin, ZipfStream keys, Blackhole blackhole) {
    zipfStep(tiffin.cache, keys, blackhole);
  }

  private static void zipfStep(Cache<String, String> cache, ZipfStream keys, Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.isPut()) {
      cache.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(cache.get(key));
    }
  }

  @Benchmark
  public void zipfRawJedis(RedisBench.RawSide raw, ZipfData data, ZipfStream keys, Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.isPut()) {
      raw.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(raw.get(key));
    }
  }

  /**
   * The bound on the Zipf ratio: a map in this JVM that answers every read for free, in front of
   * raw Jedis for the puts, with no coherence at all. No near tier can beat it.
   */
  @Benchmark
  public void zipfFreeHitsRawPuts(RedisBench.RawSide raw, ZipfData data, FreeHits hits, ZipfStream keys,
      Blackhole blackhole) {
    String key = keys.nextKey();
    if (keys.isPut()) {
      raw.put(key, KeyStream.VALUE);
      hits.map.put(key, KeyStream.VALUE);
    } else {
      blackhole.consume(hits.map.get(key));
    }
  }

  /** A near tier's put (its SET plus the invalidation it queues) next to a raw SET. */
  @Benchmark
  public void putTiffinNear(TiffinNear tiffin, ZipfStream keys) {
    tiffin.cache.put(keys.nextKey(), KeyStream.VALUE);
  }

  @Benchmark
  public void putRawJedis(RedisBench.RawSide raw, ZipfData data, ZipfStream keys) {
    raw.put(keys.nextKey(), KeyStream.VALUE);
  }

  /** Every Zipf key, held in a plain map. */
  @State(Scope.Benchmark)
  public static class FreeHits {

    final Map<String, String> map = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void fill() {
      for (String key : ZipfStream.KEYS) {
        map.put(key, KeyStream.VALUE);
      }
    }
  }
}
