package dev.tiffin.provider;

import dev.tiffin.provider.async.Closeables;
import dev.tiffin.provider.codec.UnreadableValues;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.provider.event.EventDispatcher;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.management.CacheMBeans;
import dev.tiffin.provider.management.CacheStatistics;
import javax.cache.configuration.MutableConfiguration;

/**
 * What one cache is made of, created once from its configuration and shared by its layers.
 *
 * @param readThrough the loader a miss consults, or {@code null} when read-through is off
 * @param writer the writer writes go through to; inactive when write-through is off
 */
record CacheContext<K, V>(
    TiffinCacheManager manager,
    MutableConfiguration<K, V> configuration,
    CacheSpace space,
    ExpiryCalculator expiry,
    LoaderSupport<K, V> loader,
    LoaderSupport<K, V> readThrough,
    WriterSupport<K, V> writer,
    EventDispatcher<K, V> events,
    CacheStatistics statistics,
    CacheMBeans mbeans,
    BackgroundLoader backgroundLoader,
    UnreadableValues unreadable) {

  String name() {
    return space.cacheName();
  }

  /**
   * Ends what the cache started (MXBeans, queued loads and events) and closes the customizations
   * that are {@code Closeable}, as the specification asks.
   */
  void close() {
    mbeans.stop();
    backgroundLoader.close();
    events.close();
    Closeables.closeQuietly(loader.loader());
    Closeables.closeQuietly(writer.writer());
    Closeables.closeQuietly(expiry.policy());
    // The cache's own view of the store (its near tier); the store is the registry's.
    Closeables.closeQuietly(space.store());
  }
}
