package dev.tiffin.cdi.testing;

import dev.tiffin.cdi.annotation.DeepCacheKey;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The one place the tests choose their JCache provider: whichever single provider is on the test
 * class path (the build runs the suite twice: over the reference implementation and over Tiffin), the
 * same one the extension finds through {@code Caching.getCachingProvider()}.
 */
public final class TestCaches {

  private TestCaches() {
  }

  public static CachingProvider provider() {
    return Caching.getCachingProvider();
  }

  public static CacheManager manager() {
    return provider().getCacheManager();
  }

  /** A second cache manager of the same provider, for tests of custom resolvers. */
  public static CacheManager secondManager() {
    CachingProvider provider = provider();
    return provider.getCacheManager(URI.create("tiffin-cdi-test-second"), provider.getDefaultClassLoader());
  }

  /** The named cache of the default manager, or null when nothing created it yet. */
  public static Cache<Object, Object> cache(String name) {
    return manager().getCache(name);
  }

  /** The value cached under the default key of these arguments, or null. */
  public static Object cached(String cacheName, Object... keyArguments) {
    Cache<Object, Object> cache = cache(cacheName);
    return cache == null ? null : cache.get(new DeepCacheKey(keyArguments));
  }

  /** Empties the named cache if it exists. */
  public static void clear(String... names) {
    for (String name : names) {
      Cache<Object, Object> cache = cache(name);
      if (cache != null) {
        cache.clear();
      }
    }
  }
}
