package dev.tiffin.provider;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.store.redis.RedisStore;
import dev.tiffin.provider.store.sqlite.SqliteStore;
import dev.tiffin.spi.ByteStore;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Opens stores by URI and shares one instance per backend among a provider's cache managers, so
 * that a database file has one connection pool and one sweeper per JVM.
 */
final class StoreRegistry implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(StoreRegistry.class.getName());

  private final LongSupplier clock;
  private final Map<String, Shared> open = new HashMap<>();
  private ScheduledExecutorService sweeper;

  StoreRegistry(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * The store for these settings, opened on first use (probing a Redis-protocol server under the
   * prefix of {@code app}); pair every call with {@link #release}.
   */
  synchronized ByteStore acquire(StoreSettings settings, String app) {
    String identity = settings.uri().toString();
    Shared shared = open.get(identity);
    if (shared == null) {
      shared = openStore(settings, app);
      open.put(identity, shared);
    }
    shared.users++;
    return shared.store;
  }

  /** Gives back a store; the last user closes it. */
  synchronized void release(ByteStore store) {
    open.values().removeIf(shared -> {
      if (shared.store != store || --shared.users > 0) {
        return false;
      }
      if (shared.sweep != null) {
        shared.sweep.cancel(false);
      }
      store.close();
      return true;
    });
  }

  private Shared openStore(StoreSettings settings, String app) {
    String scheme = settings.uri().getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("sqlite")) {
      // Redis expires entries by itself: nothing to sweep.
      return new Shared(new RedisStore(settings, app, clock), null);
    }
    SqliteStore store = new SqliteStore(settings, clock);
    long interval = Math.max(1, settings.sweepInterval().toMillis());
    ScheduledFuture<?> sweep = sweeper().scheduleWithFixedDelay(() -> {
      try {
        store.sweep(clock.getAsLong() - interval, 20);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Sweeping expired entries of " + store.describe() + " failed", e);
      }
    }, interval, interval, TimeUnit.MILLISECONDS);
    return new Shared(store, sweep);
  }

  private ScheduledExecutorService sweeper() {
    if (sweeper == null) {
      sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tiffin-sweeper");
        thread.setDaemon(true);
        return thread;
      });
    }
    return sweeper;
  }

  @Override
  public synchronized void close() {
    open.values().forEach(shared -> shared.store.close());
    open.clear();
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
  }

  private static final class Shared {
    final ByteStore store;
    final ScheduledFuture<?> sweep;
    int users;

    Shared(ByteStore store, ScheduledFuture<?> sweep) {
      this.store = store;
      this.sweep = sweep;
    }
  }
}
