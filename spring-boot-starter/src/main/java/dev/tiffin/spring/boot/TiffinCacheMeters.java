package dev.tiffin.spring.boot;

import dev.tiffin.api.TiffinCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Tiffin's own counters as Micrometer meters, beside the standard cache meters Boot derives from the
 * statistics MXBeans: {@code tiffin.cache.unreadable} counts values read as misses because they could
 * not be read or trusted, per cache.
 */
public final class TiffinCacheMeters implements MeterBinder {

  private final CacheManager manager;

  /** Meters for the caches of {@code manager} that exist when the registry binds. */
  public TiffinCacheMeters(CacheManager manager) {
    this.manager = manager;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String name : manager.getCacheNames()) {
      Cache<Object, Object> cache = manager.getCache(name);
      if (cache == null) {
        continue;
      }
      TiffinCache<?, ?> tiffin = cache.unwrap(TiffinCache.class);
      FunctionCounter.builder("tiffin.cache.unreadable", tiffin, TiffinCache::unreadableValues)
          .description("values read as misses because they could not be read or trusted")
          .tag("cache", name)
          .register(registry);
    }
  }
}
