package dev.tiffin.benchmarks;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The benchmark keyspace ({@code key-0 .. key-9999}, each holding a {@value #VALUE_LENGTH}-char
 * String) and each thread's own random walk over it, so threads never share a generator.
 */
@State(Scope.Thread)
public class KeyStream {

  static final int KEYSPACE = 10_000;
  static final int VALUE_LENGTH = 100;
  static final String VALUE = "v".repeat(VALUE_LENGTH);

  /** The keys, built once so no benchmark pays for string building. */
  static final String[] KEYS = new String[KEYSPACE];

  static {
    for (int i = 0; i < KEYSPACE; i++) {
      KEYS[i] = "key-" + i;
    }
  }

  private SplittableRandom random;

  @Setup(Level.Trial)
  public void seed() {
    random = new SplittableRandom(Thread.currentThread().getId() * 0x9E3779B97F4A7C15L);
  }

  String nextKey() {
    return KEYS[random.nextInt(KEYSPACE)];
  }

  /** True for one operation in ten: the put share of the 90/10 mix. */
  boolean nextIsPut() {
    return random.nextInt(10) == 0;
  }
}
