package dev.tiffin.provider.entry;

import dev.tiffin.provider.time.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;

/**
 * How long an operation keeps retrying a compare-and-set that other writers keep beating: pauses
 * that start at 20 µs and double up to 2 ms, with jitter so that racing writers drift apart, until
 * the store's timeout has passed; then a {@link CacheException} that says so.
 */
public final class Contention {

  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final String cacheName;
  private final Duration limit;
  private final Ticker ticker;

  /** Retries on {@code cacheName} for at most {@code limit}, measured and spent with {@code ticker}. */
  public Contention(String cacheName, Duration limit, Ticker ticker) {
    this.cacheName = cacheName;
    this.limit = limit;
    this.ticker = ticker;
  }

  /** The retries of one operation on {@code key}. */
  Retries start(Object key) {
    return new Retries(key, ticker.nanoTime());
  }

  /** One operation's retries: each call to {@link #pause} waits a little longer, or fails once time is up. */
  final class Retries {
    private final Object key;
    private final long started;
    private long pause = FIRST_PAUSE_NANOS;
    private int conflicts;

    private Retries(Object key, long started) {
      this.key = key;
      this.started = started;
    }

    /** Called after a lost compare-and-set: waits before the next attempt, or throws when time is up. */
    void pause() {
      conflicts++;
      long left = limit.toNanos() - (ticker.nanoTime() - started);
      if (left <= 0) {
        throw new CacheException("Key " + key + " of cache " + cacheName + " stayed contended for " + limit
            + " (" + conflicts + " attempts): other writers changed it between every read and write of this"
            + " operation. Fewer writers to one key, or a longer store timeout, lets it through.");
      }
      long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
      ticker.pauseOrFail(Math.min(jittered, left), "key " + key + " of cache " + cacheName);
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }
}
