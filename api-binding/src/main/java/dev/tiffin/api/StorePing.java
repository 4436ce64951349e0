package dev.tiffin.api;

import java.time.Duration;
import java.util.Map;

/**
 * A store that answered a ping.
 *
 * @param store the store's name in the configuration
 * @param location where its data lives (never a secret)
 * @param roundTrip how long the ping took
 * @param server what the backend says about itself (product, version, mode…)
 */
public record StorePing(String store, String location, Duration roundTrip, Map<String, String> server) {

  /** Copies the details, in their order, so the record stays immutable. */
  public StorePing {
    server = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(server));
  }
}
