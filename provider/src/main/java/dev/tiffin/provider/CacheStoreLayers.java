package dev.tiffin.provider;

import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.FailureSettings;
import dev.tiffin.provider.StoreRegistry.OpenStore;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.layered.LogicalExpiryStore;
import dev.tiffin.provider.layered.TagInvalidations;
import dev.tiffin.provider.near.AnnouncingStore;
import dev.tiffin.provider.near.NearStore;
import dev.tiffin.provider.near.WritePath;
import dev.tiffin.provider.store.FailuresAsMisses;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.provider.store.WriteBehindStore;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import java.util.function.LongSupplier;

/**
 * The store layers one cache goes through, chosen once when it opens, bottom up: the shared store
 * (behind its circuit breaker, if any), a layer that announces the cache's writes to its namesakes'
 * near tiers, write-behind when configured, the near tier when configured, failures-as-misses, logical
 * expiry.
 *
 * @param shared the shared store, where locks are taken: a lock must be read where it is, never as
 *     a copy the near tier kept (a crashed holder's lease runs out in the store, unannounced)
 * @param near the cache's near tier, or {@code null}
 * @param top the layer the cache calls
 */
record CacheStoreLayers(ByteStore shared, NearStore near, ByteStore top) {

  /** Stacks the layers {@code cache} and {@code failures} ask for over {@code store}. */
  static CacheStoreLayers over(OpenStore store, String cacheName, CacheSettings cache, FailureSettings failures,
      KeyCodec keys, LongSupplier clock) {
    ByteStore shared = store.store();
    InvalidationBus bus = InProcessInvalidationBus.of(shared);
    // Queued puts are announced once written: write-behind goes over the announcer, never under it.
    WritePath writePath = cache.writeBehind().enabled()
        ? (announcer, forget) -> new WriteBehindStore(announcer, cache.writeBehind(), cacheName, forget)
        : WritePath.DIRECT;
    NearStore near = cache.near().enabled()
        ? new NearStore(shared, cache.near(), clock, bus, keys.channel(), writePath) : null;
    ByteStore read = near != null ? near : writePath.over(new AnnouncingStore(shared, bus.announce(keys.channel())), key -> { });
    ByteStore owned = read;
    if (failures.asMisses()) {
      read = new FailuresAsMisses(read, near != null ? near : FailuresAsMisses.LastKnown.NONE, store.health());
    }
    // Every cache reads by logical expiry, so getOrSet's graced and tagged entries look right to JCache.
    return new CacheStoreLayers(shared, near,
        new LogicalExpiryStore(read, new TagInvalidations(shared, keys, clock, failures.asMisses()), owned));
  }
}
