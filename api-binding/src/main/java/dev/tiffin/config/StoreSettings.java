package dev.tiffin.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one named store keeps its data and how Tiffin talks to it.
 *
 * @param name the store's name in the configuration ({@code tiffin.store.<name>.*})
 * @param uri where the data lives, e.g. {@code sqlite:/var/cache/app.db}
 * @param timeout how long an operation may wait for the backend (SQLite: the busy timeout)
 * @param poolSize how many connections the store keeps open
 * @param sweepInterval how often expired entries are swept, and how long they linger first
 * @param username the user a Redis-protocol store logs in as, or empty
 * @param password the password a Redis-protocol store logs in with, or empty
 */
public record StoreSettings(String name, URI uri, Duration timeout, int poolSize, Duration sweepInterval,
    Optional<String> username, Optional<Secret> password) {

  /** Validates the values; a bad one names its setting. */
  public StoreSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, () -> "tiffin.store." + name + ".uri is not set");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (poolSize < 1) {
      throw new IllegalArgumentException(
          "tiffin.store." + name + ".pool-size must be at least 1, was " + poolSize);
    }
  }

  /** A store with the defaults of a local file store: no credentials. */
  public StoreSettings(String name, URI uri, Duration timeout, int poolSize, Duration sweepInterval) {
    this(name, uri, timeout, poolSize, sweepInterval, Optional.empty(), Optional.empty());
  }
}
