package dev.tiffin.provider;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.integration.CompletionListener;

/** Runs a cache's {@code loadAll} calls in the background, one at a time, reporting to their listeners. */
final class BackgroundLoader implements AutoCloseable {

  private final String cacheName;
  private ExecutorService executor;

  BackgroundLoader(String cacheName) {
    this.cacheName = cacheName;
  }

  synchronized void submit(Runnable load, CompletionListener listener) {
    if (executor == null) {
      executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tiffin-load-" + cacheName);
        thread.setDaemon(true);
        return thread;
      });
    }
    executor.execute(() -> {
      try {
        load.run();
      } catch (Exception e) {
        if (listener != null) {
          listener.onException(e);
        }
        return;
      }
      if (listener != null) {
        listener.onCompletion();
      }
    });
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
