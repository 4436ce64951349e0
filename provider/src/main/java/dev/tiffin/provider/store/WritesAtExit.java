package dev.tiffin.provider.store;

import dev.tiffin.provider.async.DetachedThreads;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What open write-behind layers must write when the JVM exits: one shutdown hook, in place only while
 * some layer is open, so that a closed provider leaves nothing of its class loader behind.
 */
final class WritesAtExit {

  private static final Map<Object, Runnable> OPEN = new IdentityHashMap<>();
  private static Thread hook;

  private WritesAtExit() {
  }

  /** Runs {@code write} when the JVM exits, unless {@link #remove} of {@code owner} came first. */
  static synchronized void add(Object owner, Runnable write) {
    OPEN.put(owner, write);
    if (hook == null) {
      Thread thread = DetachedThreads.create("tiffin-write-behind-exit", WritesAtExit::writeAll);
      try {
        Runtime.getRuntime().addShutdownHook(thread);
        hook = thread;
      } catch (IllegalStateException e) {
        // The JVM is exiting already: the layer is closed by whoever opened it, or not at all.
      }
    }
  }

  static synchronized void remove(Object owner) {
    OPEN.remove(owner);
    if (OPEN.isEmpty() && hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        hook = null;
      } catch (IllegalStateException e) {
        // The JVM is exiting: the hook runs.
      }
    }
  }

  private static void writeAll() {
    List<Runnable> writes;
    synchronized (WritesAtExit.class) {
      writes = new ArrayList<>(OPEN.values());
    }
    writes.forEach(Runnable::run);
  }
}
