package dev.tiffin.provider.async;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's default executor for asynchronous listeners and {@code loadAll}: daemon threads
 * started on demand and ended after a few idle seconds, so an idle JVM keeps none, and all ended
 * when the provider closes.
 */
public final class SharedExecutor implements Executor, AutoCloseable {

  private static final long IDLE_SECONDS = 5;

  private final AtomicInteger threads = new AtomicInteger();
  private ExecutorService pool;

  @Override
  public void execute(Runnable task) {
    pool().execute(task);
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      // A thread per concurrent task rather than a fixed few: one slow listener must not hold up another's.
      pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, "tiffin-async-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
    }
    return pool;
  }

  /** Lets running tasks finish (up to 10 s), then ends every thread; a later task starts a new pool. */
  @Override
  public synchronized void close() {
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    pool = null;
  }
}
