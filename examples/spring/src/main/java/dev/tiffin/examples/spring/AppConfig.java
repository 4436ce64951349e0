package dev.tiffin.examples.spring;

import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The application's Spring configuration: caching enabled, Spring's cache abstraction over a JCache
 * {@link javax.cache.CacheManager} whose provider is Tiffin. Tiffin itself is not configured.
 */
@Configuration
@EnableCaching
@ComponentScan
public class AppConfig {

  static final String PROVIDER = "dev.tiffin.provider.TiffinCachingProvider";

  /** The JCache manager; Spring closes it with the context. */
  @Bean
  public javax.cache.CacheManager jcacheManager() {
    javax.cache.CacheManager manager = Caching.getCachingProvider(PROVIDER).getCacheManager();
    for (String name : new String[] {"forecasts", "rates"}) {
      if (manager.getCache(name) == null) {
        manager.createCache(name, new MutableConfiguration<>());
      }
    }
    return manager;
  }

  @Bean
  public CacheManager cacheManager(javax.cache.CacheManager jcacheManager) {
    return new JCacheCacheManager(jcacheManager);
  }
}
