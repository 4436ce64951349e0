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
 * @param signingKey the key that signs values needing Java deserialization, or empty (SQLite then
 *     keeps a generated key beside its file; a Redis-protocol store falls back to an allow-list)
 * @param previousSigningKey an older key still accepted when reading, while values are rewritten
 * @param changePollInterval how often a SQLite store looks for changes other processes made, for
 *     its near tiers
 * @param failures what callers do when the store fails: throw (the default), or answer misses, and
 *     whether a circuit breaker guards it
 */
public record StoreSettings(String name, URI uri, Duration timeout, int poolSize, Duration sweepInterval,
    Optional<String> username, Optional<Secret> password, Optional<Secret> signingKey,
    Optional<Secret> previousSigningKey, Duration changePollInterval, FailureSettings failures) {

  /** How often a SQLite store looks for other processes' changes when nothing else is configured. */
  public static final Duration DEFAULT_CHANGE_POLL_INTERVAL = Duration.ofMillis(100);

  /** Validates the values; a bad one names its setting. */
  public StoreSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, () -> "tiffin.store." + name + ".uri is not set");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(previousSigningKey, "previousSigningKey");
    Objects.requireNonNull(changePollInterval, "changePollInterval");
    Objects.requireNonNull(failures, "failures");
    if (previousSigningKey.isPresent() && signingKey.isEmpty()) {
      throw new IllegalArgumentException("tiffin.store." + name + ".previous-signing-key is set without "
          + "tiffin.store." + name + ".signing-key: the previous key only helps while a new one signs");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException(
          "tiffin.store." + name + ".pool-size must be at least 1, was " + poolSize);
    }
  }

  /** A store with the defaults of a local file store: no credentials, no configured signing key. */
  public StoreSettings(String name, URI uri, Duration timeout, int poolSize, Duration sweepInterval) {
    this(name, uri, timeout, poolSize, sweepInterval, Optional.empty(), Optional.empty());
  }

  /** A store with credentials and no configured signing key. */
  public StoreSettings(String name, URI uri, Duration timeout, int poolSize, Duration sweepInterval,
      Optional<String> username, Optional<Secret> password) {
    this(name, uri, timeout, poolSize, sweepInterval, username, password, Optional.empty(), Optional.empty(),
        DEFAULT_CHANGE_POLL_INTERVAL, FailureSettings.off());
  }

  /** The same store under another name: two stores are one when everything but the name is equal. */
  public StoreSettings renamed(String newName) {
    return new StoreSettings(newName, uri, timeout, poolSize, sweepInterval, username, password, signingKey,
        previousSigningKey, changePollInterval, failures);
  }
}
