package dev.tiffin.config;

/**
 * A cache's write-behind ({@code tiffin.cache.<name>.write-behind.*}): a put returns once it is queued
 * in this JVM, and a thread of the cache writes the queue to the store.
 *
 * @param maxPending how many keys may wait to be written at most, beyond which the putting caller
 *     writes them itself; 0 turns write-behind off
 */
public record WriteBehindSettings(long maxPending) {

  /** Checks the value. */
  public WriteBehindSettings {
    if (maxPending < 0) {
      throw new IllegalArgumentException("write-behind: maxPending must be >= 0");
    }
  }

  /** Puts are written before they return. */
  public static WriteBehindSettings off() {
    return new WriteBehindSettings(0);
  }

  /** Whether the cache's puts are written behind. */
  public boolean enabled() {
    return maxPending > 0;
  }
}
