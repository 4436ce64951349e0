package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.testing.redis.RedisServer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.cache.Cache;

/**
 * Waits for a near tier on Redis to serve a key, told by the {@code GET}s that (do not) reach the server, or
 * for a cache to answer a value.
 */
final class NearProbe {

  private NearProbe() {
  }

  /** Waits until {@code reader}'s near tier is online and serves {@code key} without asking Redis. */
  static void awaitNearHolds(RedisServer redis, Cache<String, String> reader, String key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      reader.get(key);
      long before = redis.calls("get");
      reader.get(key);
      if (redis.calls("get") == before) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the near tier never came online");
  }

  /** Waits up to 2 s for {@code actual} to answer {@code expected}, then asserts it does. */
  static void awaitEquals(Object expected, Supplier<Object> actual, String message) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!Objects.equals(expected, actual.get()) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(expected, actual.get(), message);
  }
}
