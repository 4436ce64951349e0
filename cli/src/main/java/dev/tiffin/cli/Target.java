package dev.tiffin.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import picocli.CommandLine.Option;

/** The options every command shares: which store it talks to, and how it prints. */
final class Target implements AutoCloseable {

  @Option(names = "--uri", paramLabel = "<uri>", description = "a cache manager URI: sqlite:<file>, redis://…,"
      + " classpath:/file: properties, or an application name (default: tiffin:default)")
  URI uri;

  @Option(names = "--config", paramLabel = "<file>", description = "a properties file of tiffin.* settings")
  Path config;

  @Option(names = "--store", paramLabel = "<name>", description = "the store caches are looked for in (default: default)")
  String store;

  @Option(names = "--verbose", description = "log what the library and the Redis client do")
  boolean verbose;

  @Option(names = "--json", description = "print data as JSON, for scripts")
  boolean json;

  private CachingProvider provider;

  /** Opens the cache manager these options describe. */
  CacheManager manager() {
    if (uri != null && config != null) {
      throw new IllegalArgumentException("give either --uri or --config, not both");
    }
    URI managerUri = config != null ? config.toAbsolutePath().toUri() : uri;
    Properties properties = new Properties();
    if (store != null) {
      properties.setProperty("tiffin.cache.*.store", store);
    }
    provider = Caching.getCachingProvider("dev.tiffin.provider.TiffinCachingProvider");
    return provider.getCacheManager(managerUri == null ? provider.getDefaultURI() : managerUri,
        provider.getDefaultClassLoader(), properties);
  }

  /** The store named by {@code --store}, else the default one. */
  String storeName() {
    return store == null ? "default" : store;
  }

  @Override
  public void close() {
    if (provider != null) {
      provider.close();
    }
  }
}
