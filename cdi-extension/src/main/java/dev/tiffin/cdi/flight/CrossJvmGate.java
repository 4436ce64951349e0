package dev.tiffin.cdi.flight;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * Makes the single-flight leaders of several JVMs take turns on a key, through a lock the JCache
 * provider keeps in the store the JVMs share. Only Tiffin offers one; with another provider there is
 * no gate and single flight stays per JVM.
 *
 * <p>Single flight is load protection, not mutual exclusion: a leader that cannot get the lock
 * within the wait logs a warning and runs the method anyway, rather than failing itself and every
 * caller waiting on it in its JVM.
 */
public final class CrossJvmGate {

  private static final System.Logger LOG = System.getLogger(CrossJvmGate.class.getName());

  /** The thread running a load under the lock, per (cache, key), so that a recursive call does not wait for itself. */
  private static final ConcurrentHashMap<Held, Thread> LOADING = new ConcurrentHashMap<>();

  private final Object cache;
  private final String cacheName;
  private final FlightLocks lock;

  CrossJvmGate(Object cache, String cacheName, FlightLocks lock) {
    this.cache = cache;
    this.cacheName = cacheName;
    this.lock = lock;
  }

  /** The gate of {@code cache}, or {@code null} when its provider keeps no lock that JVMs share. */
  public static CrossJvmGate of(Cache<?, ?> cache) {
    FlightLocks lock;
    try {
      lock = TiffinFlightLocks.of(cache);
    } catch (LinkageError e) {
      return null; // tiffin-api is not on the class path, so this cannot be a Tiffin cache
    }
    return lock == null ? null : new CrossJvmGate(cache, cache.getName(), lock);
  }

  /**
   * Runs {@code load} holding the lock on {@code key}. The load should read the cache first: another
   * JVM may have filled it while this one waited. For an asynchronous result the lock is held until
   * the stage completes, and the stage returned completes after the release. A recursive call on the
   * thread that holds the lock runs without it, as {@link SingleFlight} does.
   */
  public Object run(Object key, boolean asynchronous, Callable<Object> load) throws Exception {
    Held held = new Held(cache, key);
    Thread me = Thread.currentThread();
    if (LOADING.get(held) == me) {
      return load.call();
    }
    Runnable unlock = acquire(key);
    LOADING.put(held, me);
    Object result;
    try {
      result = load.call();
    } catch (Throwable t) {
      release(unlock, key);
      throw t;
    } finally {
      LOADING.remove(held, me);
    }
    if (asynchronous && result instanceof CompletionStage<?> stage) {
      return stage.whenComplete((value, error) -> release(unlock, key));
    }
    release(unlock, key);
    return result;
  }

  private Runnable acquire(Object key) {
    try {
      return lock.acquire(key);
    } catch (CacheException e) {
      LOG.log(System.Logger.Level.WARNING, "Single flight of cache " + cacheName + " runs the method for key " + key
          + " without the lock shared by JVMs: " + e.getMessage());
      return () -> { };
    }
  }

  /** Never throws: the outcome is settled already, and the lease frees the lock anyway. */
  private void release(Runnable unlock, Object key) {
    try {
      unlock.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Releasing the single-flight lock on key " + key + " of cache " + cacheName
          + " failed; it is freed when its lease runs out", e);
    }
  }

  @Override
  public String toString() {
    return "CrossJvmGate[" + cacheName + ", " + lock + "]";
  }

  private record Held(Object cache, Object key) {
  }
}
