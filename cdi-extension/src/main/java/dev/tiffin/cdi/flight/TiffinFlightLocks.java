package dev.tiffin.cdi.flight;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.cdi.config.ExtensionSettings;
import java.time.Duration;
import javax.cache.Cache;

/**
 * The store lock of a Tiffin cache, {@link TiffinCache#lock}: the only class of single flight that
 * needs {@code tiffin-api}, so that loading it is what fails when that optional jar is absent.
 */
final class TiffinFlightLocks implements FlightLocks {

  private final TiffinCache<Object, ?> cache;
  private final Duration lease;
  private final Duration wait;

  private TiffinFlightLocks(TiffinCache<Object, ?> cache, Duration lease, Duration wait) {
    this.cache = cache;
    this.lease = lease;
    this.wait = wait;
  }

  /**
   * The lock of {@code cache} with its configured lease and wait, or {@code null} when another
   * provider's cache does not unwrap to {@link TiffinCache}.
   */
  @SuppressWarnings("unchecked")
  static FlightLocks of(Cache<?, ?> cache) {
    TiffinCache<Object, ?> tiffin;
    try {
      tiffin = cache.unwrap(TiffinCache.class);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return tiffin == null ? null
        : new TiffinFlightLocks(tiffin, ExtensionSettings.singleFlightLease(cache),
            ExtensionSettings.singleFlightWait(cache));
  }

  @Override
  public Runnable acquire(Object key) {
    FlightLock held = cache.lock(key, lease, wait);
    return held::close;
  }

  @Override
  public String toString() {
    return "TiffinFlightLocks[lease " + lease + ", wait " + wait + "]";
  }
}
