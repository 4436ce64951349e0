package dev.tiffin.benchmarks;

import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.api.ValueFactory;
import java.time.Duration;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/** What the getOrSet benchmarks read: hits on plain entries and on entries with a grace period. */
final class GetOrSetCaches {

  /** Never runs during a measured hit: every key is pre-loaded. */
  static final ValueFactory<String> FACTORY = context -> KeyStream.VALUE;
  /** A ttl and grace long enough that no entry goes stale during a run. */
  static final GetOrSetOptions GRACED = GetOrSetOptions.defaults().withTtl(Duration.ofHours(1))
      .withGrace(Duration.ofHours(1));

  private GetOrSetCaches() {
  }

  /** A cache whose every key was stored by getOrSet with {@link #GRACED}, so each value carries a header. */
  @SuppressWarnings("unchecked")
  static TiffinCache<String, String> graced(CacheManager manager) {
    TiffinCache<String, String> cache = manager.createCache("bench-graced",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class)).unwrap(TiffinCache.class);
    for (String key : KeyStream.KEYS) {
      cache.getOrSet(key, GRACED, FACTORY);
    }
    return cache;
  }
}
