package dev.tiffin.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where one named store keeps its data and how Tiffin talks to it.
 *
 * @param name the store's name in the configuration ({@code tiffin.store.<name>.*})
 * @param uri where the data lives, e.g. {@code sqlite:/var/cache/app.db}
 * @param timeout how long an operation may wait for the backend (SQLite: the busy timeout)
 * @param poolSize how many connections the store keeps open
 * @param sweepInterval how often expired entries are swept, and how long they linger first
 */
public record StoreSettings(String name, URI uri, Duration timeout, int poolSize, Duration sweepInterval) {

  /** Validates the values; a bad one names its setting. */
  public StoreSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, () -> "tiffin.store." + name + ".uri is not set");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    if (poolSize < 1) {
      throw new IllegalArgumentException(
          "tiffin.store." + name + ".pool-size must be at least 1, was " + poolSize);
    }
  }
}
