package dev.tiffin.provider;

import dev.tiffin.config.Secret;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.codec.SigningKeyFile;
import dev.tiffin.provider.codec.SigningKeys;
import dev.tiffin.provider.async.OpenOnce;
import dev.tiffin.provider.codec.StoreTrust;
import dev.tiffin.provider.store.CircuitBreakerStore;
import dev.tiffin.provider.store.StoreHealth;
import dev.tiffin.provider.store.redis.RedisStore;
import dev.tiffin.provider.store.sqlite.SqlitePath;
import dev.tiffin.provider.store.sqlite.SqliteStore;
import dev.tiffin.spi.ByteStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Opens stores and shares one instance among a provider's cache managers whose settings for it
 * are equal in everything but the name, so that a database file has one connection pool and one
 * sweeper per JVM, while a manager with other credentials or limits authenticates on its own.
 */
final class StoreRegistry implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(StoreRegistry.class.getName());

  private final LongSupplier clock;
  private final OpenOnce<StoreSettings, Shared> open = new OpenOnce<>();
  private ScheduledExecutorService sweeper;

  StoreRegistry(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * The store for these settings, opened on first use (probing a Redis-protocol server under the
   * prefix of {@code app}); pair every call with {@link #release}. Opening happens outside the
   * registry's lock, so a slow server holds up only the callers that want that store.
   */
  OpenStore acquire(StoreSettings settings, String app) {
    StoreSettings identity = settings.renamed("");
    while (true) {
      Shared shared = open.get(identity, ignored -> openStore(settings, app));
      synchronized (this) {
        // Its last user may have closed it between the two steps: then open it anew.
        if (!shared.closed) {
          shared.users++;
          return new OpenStore(shared.guarded, shared.trust, shared.health);
        }
      }
    }
  }

  /** An open store (behind its circuit breaker, if configured), what it trusts for deserialization, how it fared. */
  record OpenStore(ByteStore store, StoreTrust trust, StoreHealth health) {
  }

  /** Gives back a store; the last user closes it, and the sweeper thread ends with the last store. */
  void release(ByteStore store) {
    List<Shared> closing = new ArrayList<>();
    synchronized (this) {
      for (Shared shared : open.opened()) {
        if (shared.guarded == store && !shared.closed && --shared.users == 0) {
          shared.closed = true;
          open.remove(shared.identity, shared);
          if (shared.sweep != null) {
            shared.sweep.cancel(false);
          }
          closing.add(shared);
        }
      }
      if (open.opened().isEmpty()) {
        stopSweeper();
      }
    }
    // Outside the lock: closing may wait (a Redis store sends its last invalidations) and must not hold up others.
    closing.forEach(shared -> shared.store.close());
  }

  private Shared openStore(StoreSettings settings, String app) {
    String scheme = settings.uri().getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("sqlite")) {
      // Redis expires entries by itself: nothing to sweep.
      RedisStore store = new RedisStore(settings, app, clock);
      return new Shared(settings, store, null, trust(settings, Optional.empty(), store.describe()));
    }
    SqliteStore store = new SqliteStore(settings, clock);
    StoreTrust trust;
    try {
      trust = trust(settings, Optional.of(SigningKeyFile.beside(SqlitePath.of(settings))), store.describe());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    long interval = Math.max(1, settings.sweepInterval().toMillis());
    ScheduledFuture<?> sweep = sweeper().scheduleWithFixedDelay(() -> {
      try {
        store.sweep(clock.getAsLong() - interval, 20);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Sweeping expired entries of " + store.describe() + " failed", e);
      }
    }, interval, interval, TimeUnit.MILLISECONDS);
    return new Shared(settings, store, sweep, trust);
  }

  /**
   * The configured signing key; else the key file a local store keeps beside its data; else none,
   * which a shared store announces once, since its values then fall back to an allow-list.
   */
  private static StoreTrust trust(StoreSettings settings, Optional<java.nio.file.Path> keyFile, String description) {
    String setting = "tiffin.store." + settings.name() + ".signing-key";
    if (settings.signingKey().isPresent()) {
      return new StoreTrust(settings.name(), Optional.of(SigningKeys.of(settings.signingKey().get().reveal(),
          settings.previousSigningKey().map(Secret::reveal))));
    }
    if (keyFile.isPresent()) {
      return new StoreTrust(settings.name(),
          Optional.of(SigningKeys.of(SigningKeyFile.loadOrCreate(keyFile.get(), setting), Optional.empty())));
    }
    LOG.log(System.Logger.Level.INFO, "Store " + description + " has no signing key (" + setting + "): values"
        + " that need Java deserialization are read back only for JDK types, the caches' declared types,"
        + " allowed-classes and classes this JVM wrote itself; others read as misses. Give every JVM sharing"
        + " the store the same key to have any class read back safely.");
    return new StoreTrust(settings.name(), Optional.empty());
  }

  private synchronized ScheduledExecutorService sweeper() {
    if (sweeper == null) {
      sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tiffin-sweeper");
        thread.setDaemon(true);
        return thread;
      });
    }
    return sweeper;
  }

  /** Closes every store still open and ends the sweeper thread. */
  @Override
  public synchronized void close() {
    open.drain().forEach(shared -> {
      shared.closed = true;
      shared.store.close();
    });
    stopSweeper();
  }

  /** No store left to sweep: the thread goes, and a store opened later starts a new one. */
  private synchronized void stopSweeper() {
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
  }

  private static final class Shared {
    final ByteStore store;
    final ByteStore guarded;
    final StoreHealth health = new StoreHealth();
    final ScheduledFuture<?> sweep;
    final StoreTrust trust;
    final StoreSettings identity;
    int users;
    boolean closed;

    Shared(StoreSettings settings, ByteStore store, ScheduledFuture<?> sweep, StoreTrust trust) {
      this.identity = settings.renamed("");
      this.store = store;
      this.guarded = settings.failures().breaker() ? new CircuitBreakerStore(store, settings.failures(), health) : store;
      this.sweep = sweep;
      this.trust = trust;
    }

  }
}
