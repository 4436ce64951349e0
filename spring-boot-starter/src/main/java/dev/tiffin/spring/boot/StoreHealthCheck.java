package dev.tiffin.spring.boot;

import dev.tiffin.api.StorePing;
import dev.tiffin.api.TiffinStores;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.CacheManager;

/**
 * The "test connection" of each store behind a cache manager, in a form any health framework can
 * show: up with the round trip, server and location, or down with the reason.
 */
public final class StoreHealthCheck {

  private final TiffinStores stores;

  private StoreHealthCheck(TiffinStores stores) {
    this.stores = stores;
  }

  /** The check for {@code manager}, or {@code null} when it is not a Tiffin cache manager. */
  public static StoreHealthCheck of(CacheManager manager) {
    try {
      return new StoreHealthCheck(manager.unwrap(TiffinStores.class));
    } catch (IllegalArgumentException notTiffin) {
      return null;
    }
  }

  /** The names of the stores to check. */
  public Set<String> storeNames() {
    return stores.storeNames();
  }

  /** Pings one store. */
  public Outcome check(String store) {
    try {
      StorePing ping = stores.ping(store);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("location", ping.location());
      details.put("roundTripMillis", ping.roundTrip().toNanos() / 1_000_000.0);
      details.putAll(ping.server());
      return new Outcome(true, details, null);
    } catch (RuntimeException e) {
      return new Outcome(false, Map.of("store", store), e);
    }
  }

  /**
   * What a ping found.
   *
   * @param up whether the store answered
   * @param details what to show
   * @param failure why it is down, or {@code null}
   */
  public record Outcome(boolean up, Map<String, Object> details, Throwable failure) {
  }
}
