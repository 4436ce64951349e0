package dev.tiffin.provider.async;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Things opened at most once per key and outside any lock: a caller asking for a key that is being
 * opened waits for it, a caller asking for another key does not. A failed opening is forgotten, so
 * the next caller tries again.
 */
public final class OpenOnce<K, V> {

  private final ConcurrentHashMap<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();

  /** The value for {@code key}, opened by {@code open} unless it is open or being opened already. */
  public V get(K key, Function<? super K, ? extends V> open) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> existing = values.putIfAbsent(key, mine);
    if (existing != null) {
      return await(existing);
    }
    try {
      mine.complete(open.apply(key));
    } catch (RuntimeException | Error e) {
      values.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    return mine.join();
  }

  /** Forgets {@code key} if it still maps to {@code value}. */
  public void remove(K key, V value) {
    CompletableFuture<V> current = values.get(key);
    if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join() == value) {
      values.remove(key, current);
    }
  }

  /** The values opened so far. */
  public List<V> opened() {
    List<V> opened = new ArrayList<>();
    values.values().forEach(future -> {
      if (future.isDone() && !future.isCompletedExceptionally()) {
        opened.add(future.join());
      }
    });
    return opened;
  }

  /** Forgets every value opened so far and returns them. */
  public List<V> drain() {
    List<V> drained = new ArrayList<>();
    values.forEach((key, future) -> {
      if (values.remove(key, future) && future.isDone() && !future.isCompletedExceptionally()) {
        drained.add(future.join());
      }
    });
    return drained;
  }

  private static <V> V await(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
