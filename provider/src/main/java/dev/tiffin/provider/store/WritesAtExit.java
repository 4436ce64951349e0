package dev.tiffin.provider.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The write-behind layers still open, whose queues are written when the JVM exits: one shutdown hook, in
 * place only while some layer is open, so that a closed provider leaves nothing of its class loader behind.
 */
final class WritesAtExit {

  private static final Set<WriteBehindStore> OPEN = new LinkedHashSet<>();
  private static Thread hook;

  private WritesAtExit() {
  }

  static synchronized void add(WriteBehindStore store) {
    OPEN.add(store);
    if (hook == null) {
      Thread thread = new Thread(null, WritesAtExit::writeAll, "tiffin-write-behind-exit", 0, false);
      thread.setContextClassLoader(WritesAtExit.class.getClassLoader());
      try {
        Runtime.getRuntime().addShutdownHook(thread);
        hook = thread;
      } catch (IllegalStateException e) {
        // The JVM is exiting already: the layer is closed by whoever opened it, or not at all.
      }
    }
  }

  static synchronized void remove(WriteBehindStore store) {
    OPEN.remove(store);
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
    List<WriteBehindStore> open;
    synchronized (WritesAtExit.class) {
      open = List.copyOf(OPEN);
    }
    open.forEach(WriteBehindStore::writeAtExit);
  }
}
