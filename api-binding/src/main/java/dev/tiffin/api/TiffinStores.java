package dev.tiffin.api;

import java.util.Set;

/**
 * The stores of a Tiffin cache manager, reached with {@code cacheManager.unwrap(TiffinStores.class)}:
 * the "test connection" of each, for health checks and operators.
 */
public interface TiffinStores {

  /** The names of the configured stores ({@code tiffin.store.<name>.*}). */
  Set<String> storeNames();

  /**
   * Opens the store if needed, checks that it answers and says what it is.
   *
   * @throws javax.cache.CacheException naming the store and what failed when it does not answer
   * @throws IllegalArgumentException when no store has that name
   */
  StorePing ping(String storeName);
}
