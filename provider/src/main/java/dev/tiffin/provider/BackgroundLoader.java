package dev.tiffin.provider;

import dev.tiffin.provider.async.SerialQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.cache.integration.CompletionListener;

/** Runs a cache's {@code loadAll} calls in the background, one at a time, reporting to their listeners. */
final class BackgroundLoader implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(BackgroundLoader.class.getName());

  private final String cacheName;
  private final SerialQueue queue;

  BackgroundLoader(String cacheName, Executor executor) {
    this.cacheName = cacheName;
    this.queue = new SerialQueue(executor, "loadAll of cache " + cacheName);
  }

  void submit(Runnable load, CompletionListener listener) {
    queue.submit(() -> {
      try {
        load.run();
      } catch (Exception e) {
        if (listener != null) {
          listener.onException(e);
        } else {
          // Nobody asked to hear about it: the log is the only place this failure can show.
          LOG.log(System.Logger.Level.WARNING, "loadAll of cache " + cacheName + " failed", e);
        }
        return;
      }
      if (listener != null) {
        listener.onCompletion();
      }
    });
  }

  /** Waits up to 10 s for loads already asked for. */
  @Override
  public void close() {
    if (!queue.awaitIdle(10, TimeUnit.SECONDS)) {
      LOG.log(System.Logger.Level.WARNING, "loadAll of cache " + cacheName + " still running 10 s after the cache"
          + " closed");
    }
  }
}
