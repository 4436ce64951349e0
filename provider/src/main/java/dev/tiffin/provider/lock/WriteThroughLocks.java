package dev.tiffin.provider.lock;

import dev.tiffin.api.FlightLock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.cache.CacheException;

/**
 * Makes the writes to one key that go through to a {@code CacheWriter} take turns: in this JVM on a
 * striped lock, across JVMs on a lease in the store, renewed while held. Without it, two writers racing on a key could
 * each call the {@code CacheWriter} and leave its database holding one value and the cache the other.
 *
 * <p>Several keys are locked in one global order (stripe index, then store key), so bulk writes
 * never deadlock with each other or with single-key writes.
 */
public final class WriteThroughLocks implements KeyLocks {

  private static final int STRIPES = 64;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final LockSpace space;
  private final Duration lease;
  private final Duration wait;

  /**
   * Creates the locks of one cache.
   *
   * @param lease how long a store lease lasts if its holder dies before releasing it
   * @param wait how long an operation waits for a key before failing
   */
  public WriteThroughLocks(LockSpace space, Duration lease, Duration wait) {
    this.space = space;
    this.lease = lease;
    this.wait = wait;
    Arrays.setAll(stripes, i -> new ReentrantLock());
  }

  @Override
  public Held lock(Object key, byte[] storeKey) {
    return lockAll(List.of(key), ignored -> storeKey);
  }

  @Override
  public <T> Held lockAll(Collection<T> keys, Function<? super T, byte[]> storeKey) {
    TreeSet<Integer> stripeOrder = new TreeSet<>();
    TreeMap<byte[], Object> storeOrder = new TreeMap<>(Arrays::compareUnsigned);
    for (T key : keys) {
      byte[] bytes = storeKey.apply(key);
      stripeOrder.add(stripeOf(bytes));
      storeOrder.put(bytes, key);
    }
    Deque<AutoCloseable> held = new ArrayDeque<>();
    try {
      for (int stripe : stripeOrder) {
        held.push(lockStripe(stripe, keys));
      }
      for (Object key : storeOrder.values()) {
        // Renewed until released: a CacheWriter may run past the lease.
        FlightLock lock = space.writeLock(key, lease, wait);
        held.push(lock);
      }
    } catch (RuntimeException | Error e) {
      releaseAll(held);
      throw e;
    }
    return () -> releaseAll(held);
  }

  private AutoCloseable lockStripe(int stripe, Collection<?> keys) {
    ReentrantLock lock = stripes[stripe];
    try {
      if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new CacheException("Timed out after " + wait + " waiting to write " + describe(keys) + " of cache "
            + space.cacheName() + " through to its CacheWriter: another write to it (or to a key sharing its lock)"
            + " in this JVM took longer; a slow CacheWriter holds the key for as long as it runs");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting to write " + describe(keys) + " of cache "
          + space.cacheName() + " through to its CacheWriter");
    }
    return lock::unlock;
  }

  private static String describe(Collection<?> keys) {
    return keys.size() == 1 ? "key " + keys.iterator().next() : keys.size() + " keys";
  }

  private static int stripeOf(byte[] storeKey) {
    int hash = Arrays.hashCode(storeKey);
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }

  private static void releaseAll(Deque<AutoCloseable> held) {
    while (!held.isEmpty()) {
      try {
        held.pop().close();
      } catch (Exception e) {
        // Releasing a store lease can fail with the store; the lease then runs out by itself.
        System.getLogger(WriteThroughLocks.class.getName()).log(System.Logger.Level.WARNING,
            "Releasing a write-through lock failed; its lease runs out by itself", e);
      }
    }
  }
}
