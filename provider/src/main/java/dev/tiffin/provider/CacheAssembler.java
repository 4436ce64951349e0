package dev.tiffin.provider;

import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.config.Defaults;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.Contention;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.event.EventDispatcher;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.layered.GetOrSet;
import dev.tiffin.provider.layered.GetOrSetCounters;
import dev.tiffin.provider.layered.RunsInFlight;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.provider.lock.WriteThroughLocks;
import dev.tiffin.provider.management.CacheMBeans;
import dev.tiffin.provider.management.CacheStatistics;
import dev.tiffin.provider.event.RemoteEvents;
import dev.tiffin.provider.near.NearStore;
import dev.tiffin.provider.store.StoreHealth;
import dev.tiffin.provider.time.Ticker;
import dev.tiffin.spi.InvalidationBus;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.cache.configuration.MutableConfiguration;

/**
 * Builds each cache of a manager from parts chosen once from its configuration: the write locks a
 * {@code CacheWriter} needs (or none), the one-round-trip shortcuts a standard expiry policy allows
 * (or the general path), the executor its listeners and loads run on. New layers plug in here, not
 * into {@link StoreBackedCache}.
 */
final class CacheAssembler {

  private final TiffinCacheManager manager;
  private final Executor executor;
  private final Ticker ticker;

  /** Assembles the caches of {@code manager}, whose background work runs on {@code executor}. */
  CacheAssembler(TiffinCacheManager manager, Executor executor, Ticker ticker) {
    this.manager = manager;
    this.executor = executor;
    this.ticker = ticker;
  }

  /**
   * A cache over {@code space}, its MXBeans registered as its configuration asks.
   *
   * @param timeout the store's timeout, which also bounds how long an operation retries a contended key
   * @param layers the layers of {@code space}'s store: its near tier, and the shared store locks are taken in
   * @param health how the cache's store has fared, for {@code TiffinCache.storeFailures()}
   */
  <K, V> StoreBackedCache<K, V> assemble(CacheSpace space, MutableConfiguration<K, V> configuration,
      Duration timeout, UnreadableValues unreadable, CacheStoreLayers layers, StoreHealth health) {
    String name = space.cacheName();
    LoaderSupport<K, V> loader = new LoaderSupport<>(configuration.getCacheLoaderFactory() == null
        ? null : configuration.getCacheLoaderFactory().create());
    WriterSupport<K, V> writer = new WriterSupport<>(configuration.isWriteThrough()
        && configuration.getCacheWriterFactory() != null ? configuration.getCacheWriterFactory().create() : null);
    EventDispatcher<K, V> events = new EventDispatcher<>(name, executor);
    configuration.getCacheEntryListenerConfigurations().forEach(events::register);
    CacheStatistics statistics = new CacheStatistics();
    CacheContext<K, V> context = new CacheContext<>(manager, configuration, space,
        new ExpiryCalculator(configuration.getExpiryPolicyFactory().create(), name), loader,
        configuration.isReadThrough() && loader.isPresent() ? loader : null, writer, events, statistics,
        new CacheMBeans(manager.getURI().toString(), name, configuration, statistics),
        new BackgroundLoader(name, executor), unreadable);
    StoreBackedCache<K, V> cache = new StoreBackedCache<>(context, self -> layers(self, context, timeout, layers, health));
    // Registered only once the cache is whole: an MXBean must never expose a half-built cache.
    context.mbeans().start();
    return cache;
  }

  /** Shares the cache's entry events with its namesakes in other JVMs over {@code bus}. */
  <K, V> void shareEvents(StoreBackedCache<K, V> cache, InvalidationBus bus) {
    new RemoteEvents<>(cache, cache.context().space(), executor).join(bus, cache.context().events());
  }

  private <K, V> StoreBackedCache.CacheLayers<K, V> layers(StoreBackedCache<K, V> cache, CacheContext<K, V> context,
      Duration timeout, CacheStoreLayers stores, StoreHealth health) {
    CacheSpace space = context.space();
    NearStore near = stores.near();
    LockSpace locks =
        new LockSpace(space.cacheName(), stores.shared(), space.keys(), space.clock(), ticker, space.store());
    KeyLocks writeLocks = context.writer().isActive()
        ? new WriteThroughLocks(locks, Defaults.WRITE_THROUGH_LEASE, timeout) : KeyLocks.NONE;
    EntryEngine<K, V> engine = new EntryEngine<>(cache, space, context.expiry(), context.writer(), writeLocks,
        new Contention(space.cacheName(), timeout, ticker));
    AccessPath<K, V> access = context.expiry().isSideEffectFree()
        ? new OneRoundTrip<>(context, engine, writeLocks) : AccessPath.general();
    if (near != null && context.expiry().isReadOnlyOnAccess()) {
      access = new NearReads<>(access, near, space, engine);
    }
    GetOrSetCounters getOrSetCounters = new GetOrSetCounters();
    RunsInFlight<V> flights = new RunsInFlight<>();
    SpaceOperations<K, V> own = new SpaceOperations<>(space, engine, locks,
        new Counters<>(space, context.expiry(), engine),
        new GetOrSet<>(space, engine, context.expiry(), locks, executor, flights, getOrSetCounters),
        context.events()::batch, context.writer().isActive());
    SliceFactory<K, V> namespaces = new SliceFactory<>(space.cacheName(), stores.shared(), context.expiry(), timeout,
        ticker, executor, flights, getOrSetCounters, context.unreadable(), health, new SpaceReclaimer(executor));
    return new StoreBackedCache.CacheLayers<>(engine, access,
        new BulkOperations<>(context, engine, access, writeLocks, context.backgroundLoader()),
        new TiffinCacheView<>(cache, own, namespaces));
  }
}
