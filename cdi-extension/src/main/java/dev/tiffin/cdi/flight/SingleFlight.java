package dev.tiffin.cdi.flight;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import javax.cache.CacheException;

/**
 * At most one load per (cache, key) at a time within this JVM: the first caller (the leader) runs
 * the load, later callers wait for its outcome and get the same value or the same exception.
 *
 * <p>Only in-process: leaders of different JVMs are made to take turns by {@link CrossJvmGate}.
 */
public final class SingleFlight {

  private final ConcurrentHashMap<FlightKey, Flight> inFlight = new ConcurrentHashMap<>();

  /**
   * Runs {@code load} unless a load for the same key is under way, in which case its outcome is shared.
   *
   * <p>When {@code asynchronous} and the load returns a {@link CompletionStage}, the flight lasts
   * until that stage completes, and followers get a new stage of the same outcome instead of blocking.
   * A thread that calls back into its own flight (recursion) runs the load itself rather than
   * waiting for itself forever.
   */
  public Object run(Object cache, Object key, boolean asynchronous, Callable<Object> load) throws Exception {
    FlightKey flightKey = new FlightKey(cache, key);
    Flight mine = new Flight();
    Flight running = inFlight.putIfAbsent(flightKey, mine);
    if (running != null) {
      if (running.loadingThread == Thread.currentThread()) {
        return load.call();
      }
      return asynchronous ? running.outcome.copy() : await(running.outcome);
    }
    Object result;
    mine.loadingThread = Thread.currentThread();
    try {
      result = load.call();
    } catch (Throwable t) {
      land(flightKey, mine, null, t);
      throw t;
    } finally {
      mine.loadingThread = null;
    }
    if (asynchronous && result instanceof CompletionStage<?> stage) {
      stage.whenComplete((value, error) -> land(flightKey, mine, value, error));
    } else {
      land(flightKey, mine, result, null);
    }
    return result;
  }

  /** Number of loads under way, for monitoring. */
  public int inFlight() {
    return inFlight.size();
  }

  private void land(FlightKey key, Flight flight, Object value, Throwable error) {
    inFlight.remove(key, flight);
    if (error == null) {
      flight.outcome.complete(value);
    } else {
      flight.outcome.completeExceptionally(error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error);
    }
  }

  private static Object await(CompletableFuture<Object> outcome) throws Exception {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      throw SingleFlight.<Exception>sneaky(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting for a single-flight call to finish", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  private record FlightKey(Object cache, Object key) {
  }

  private static final class Flight {
    final CompletableFuture<Object> outcome = new CompletableFuture<>();
    /** The leader while it runs the load itself (not while an asynchronous result is pending). */
    volatile Thread loadingThread;
  }
}
