package dev.tiffin.provider.codec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One cache's record of the values it read as absent: each kind (a refused class, an unsigned or
 * tampered value, corrupt bytes) is logged once, every occurrence is counted.
 */
public final class UnreadableValues {

  private static final System.Logger LOG = System.getLogger(UnreadableValues.class.getName());

  private final String cacheName;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final LongAdder count = new LongAdder();

  /** Creates the record of one cache. */
  public UnreadableValues(String cacheName) {
    this.cacheName = cacheName;
  }

  /** Counts one unreadable value and logs {@code message} the first time {@code kind} occurs. */
  void record(String kind, String message) {
    count.increment();
    if (logged.add(kind)) {
      LOG.log(System.Logger.Level.WARNING, "Cache '" + cacheName + "': " + message
          + "; it reads as absent and the next write replaces it (logged once per cache and kind)");
    }
  }

  /** How many unreadable values were met. */
  public long count() {
    return count.sum();
  }
}
