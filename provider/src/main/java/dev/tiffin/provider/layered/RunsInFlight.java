package dev.tiffin.provider.layered;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The getOrSet factory runs under way in this JVM for one cache and its namespaces, by store key:
 * one map for them all, so callers that each ask for a namespace anew still join one run.
 */
public final class RunsInFlight<V> {

  private final ConcurrentHashMap<ByteBuffer, CompletableFuture<GetOrSet.Outcome<V>>> runs = new ConcurrentHashMap<>();

  /** The run under way for {@code storeKey}, or {@code null} after making {@code mine} that run. */
  CompletableFuture<GetOrSet.Outcome<V>> joinOrStart(byte[] storeKey, CompletableFuture<GetOrSet.Outcome<V>> mine) {
    return runs.putIfAbsent(ByteBuffer.wrap(storeKey), mine);
  }

  /** Ends {@code mine}, the run for {@code storeKey}: later callers start their own. */
  void ended(byte[] storeKey, CompletableFuture<GetOrSet.Outcome<V>> mine) {
    runs.remove(ByteBuffer.wrap(storeKey), mine);
  }
}
