package dev.tiffin.config;

import java.util.Map;
import java.util.Objects;

/**
 * Everything one cache manager was configured with, resolved from all sources.
 *
 * @param app the application prefix that every key carries, so apps sharing a backend never collide
 * @param stores the named stores
 * @param caches the caches declared in configuration, by name
 * @param template the settings a cache falls back to when it has none of its own
 */
public record TiffinSettings(
    String app,
    Map<String, StoreSettings> stores,
    Map<String, CacheSettings> caches,
    CacheSettings template) {

  /** Copies the maps so the settings stay immutable. */
  public TiffinSettings {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(template, "template");
    stores = Map.copyOf(stores);
    caches = Map.copyOf(caches);
  }

  /** The settings for a cache: its own when declared, else the template's. */
  public CacheSettings cache(String name) {
    return caches.getOrDefault(name, template);
  }

  /** The named store, or an error naming the missing setting. */
  public StoreSettings store(String name) {
    StoreSettings store = stores.get(name);
    if (store == null) {
      throw new IllegalArgumentException(
          "No store named '" + name + "': set tiffin.store." + name + ".uri (known stores: " + stores.keySet() + ")");
    }
    return store;
  }
}
