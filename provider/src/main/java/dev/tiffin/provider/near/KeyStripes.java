package dev.tiffin.provider.near;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A near tier's keys in 1,024 stripes, each with a version that every invalidation of one of its keys
 * moves on (a read or write that began at an older version keeps nothing) and a lock its writers take
 * turns on.
 */
final class KeyStripes {

  private static final int STRIPES = 1024;

  private final AtomicLongArray versions = new AtomicLongArray(STRIPES);
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  KeyStripes() {
    Arrays.setAll(locks, i -> new ReentrantLock());
  }

  /** The stripe {@code key} belongs to. */
  static int of(byte[] key) {
    int hash = Arrays.hashCode(key);
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }

  long version(int stripe) {
    return versions.get(stripe);
  }

  /** Moves the stripe's version on; returns the new version. */
  long moveOn(int stripe) {
    return versions.incrementAndGet(stripe);
  }

  /** Moves the version on only if it is still {@code before}, in one atomic step; returns whether it was. */
  boolean moveOnFrom(int stripe, long before) {
    return versions.compareAndSet(stripe, before, before + 1);
  }

  void moveAllOn() {
    for (int i = 0; i < STRIPES; i++) {
      versions.incrementAndGet(i);
    }
  }

  /** The lock writers of the stripe's keys take turns on. */
  ReentrantLock turn(int stripe) {
    return locks[stripe];
  }
}
