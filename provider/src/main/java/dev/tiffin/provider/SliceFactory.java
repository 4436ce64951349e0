package dev.tiffin.provider;

import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.entry.Contention;
import dev.tiffin.provider.entry.EntryEngine;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.layered.GetOrSet;
import dev.tiffin.provider.layered.GetOrSetCounters;
import dev.tiffin.provider.layered.RunsInFlight;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.provider.lock.LockSpace;
import dev.tiffin.provider.time.Ticker;
import dev.tiffin.provider.store.StoreHealth;
import dev.tiffin.spi.ByteStore;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What a cache's namespaces share with it, and how the operations over one namespace generation are
 * built: the cache's expiry policy and timeouts, its getOrSet runs and counts and unreadable-value
 * count, but no events, writer or JCache statistics.
 *
 * @param lockStore the shared store, below any near tier, where the namespaces' locks are taken
 * @param timeout the store's timeout, which bounds retries on a contended key
 */
record SliceFactory<K, V>(String cacheName, ByteStore lockStore, ExpiryCalculator expiry, Duration timeout, Ticker ticker,
    Executor executor, RunsInFlight<V> flights, GetOrSetCounters getOrSetCounters, UnreadableValues unreadable,
    StoreHealth health, SpaceReclaimer reclaimer) {

  /** The operations over {@code space}, one generation of a namespace. */
  SpaceOperations<K, V> namespaceSlice(CacheSpace space) {
    LockSpace locks = new LockSpace(cacheName, lockStore, space.keys(), space.clock(), ticker, space.store());
    EntryEngine<K, V> engine = new EntryEngine<>(null, space, expiry, new WriterSupport<>(null), KeyLocks.NONE,
        new Contention(cacheName, timeout, ticker));
    return new SpaceOperations<>(space, engine, locks, new Counters<>(space, expiry, engine),
        new GetOrSet<>(space, engine, expiry, locks, executor, flights, getOrSetCounters), EventBatch::none, false);
  }
}
