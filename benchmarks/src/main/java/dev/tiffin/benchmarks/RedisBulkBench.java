package dev.tiffin.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Tiffin's {@code getAll}/{@code putAll} of 100 keys next to one Jedis pipeline of 100 GET / SET
 * of the same bytes, on the server and states of {@link RedisBench}. One op is 100 keys.
 *
 * <p>Both sides walk the same fixed deck of key sets, so they touch exactly the same keys; the
 * Set and Map handed to Tiffin are built ahead, as an application would already hold them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisBulkBench {

  static final int BATCH_SIZE = 100;

  /** One batch: the keys in order, and the same keys as the Set and Map the JCache API takes. */
  record Batch(String[] keys, Set<String> keySet, Map<String, String> entries) {
  }

  /** Each thread's walk over one shared, fixed deck of batches of distinct random keys. */
  @State(Scope.Thread)
  public static class BatchStream {

    private static final int DECK_SIZE = 1_024;
    private static final List<Batch> DECK = deck();

    private int next;

    @Setup(Level.Trial)
    public void seed() {
      next = new SplittableRandom(Thread.currentThread().getId()).nextInt(DECK_SIZE);
    }

    Batch nextBatch() {
      Batch batch = DECK.get(next);
      next = (next + 1) % DECK_SIZE;
      return batch;
    }

    private static List<Batch> deck() {
      SplittableRandom random = new SplittableRandom(42);
      List<Batch> deck = new ArrayList<>(DECK_SIZE);
      for (int i = 0; i < DECK_SIZE; i++) {
        Set<String> keys = new LinkedHashSet<>();
        while (keys.size() < BATCH_SIZE) {
          keys.add(KeyStream.KEYS[random.nextInt(KeyStream.KEYSPACE)]);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        keys.forEach(key -> entries.put(key, KeyStream.VALUE));
        deck.add(new Batch(keys.toArray(String[]::new), keys, entries));
      }
      return List.copyOf(deck);
    }
  }

  @Benchmark
  public Map<String, String> tiffinGetAll100(RedisBench.TiffinSide tiffin, BatchStream batches) {
    return tiffin.cache.getAll(batches.nextBatch().keySet());
  }

  @Benchmark
  public void tiffinPutAll100(RedisBench.TiffinSide tiffin, BatchStream batches) {
    tiffin.cache.putAll(batches.nextBatch().entries());
  }

  /** 100 GETs in one pipeline, decoded into a key-to-value map as getAll returns. */
  @Benchmark
  public Map<String, String> rawPipelineGet100(RedisBench.RawSide raw, BatchStream batches) {
    String[] keys = batches.nextBatch().keys();
    List<Response<byte[]>> replies = new ArrayList<>(keys.length);
    try (AbstractPipeline pipeline = raw.client.pipelined()) {
      for (String key : keys) {
        replies.add(pipeline.get(TiffinBytes.key(key)));
      }
      pipeline.sync();
    }
    Map<String, String> found = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      String value = TiffinBytes.stringValue(replies.get(i).get());
      if (value != null) {
        found.put(keys[i], value);
      }
    }
    return found;
  }

  /** 100 plain SETs in one pipeline. */
  @Benchmark
  public void rawPipelineSet100(RedisBench.RawSide raw, BatchStream batches) {
    Map<String, String> entries = batches.nextBatch().entries();
    try (AbstractPipeline pipeline = raw.client.pipelined()) {
      entries.forEach((key, value) -> pipeline.set(TiffinBytes.key(key), TiffinBytes.value(value)));
      pipeline.sync();
    }
  }
}
