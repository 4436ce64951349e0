package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import java.io.PrintStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/** The small maintenance commands: ping and clear. */
final class Commands {

  private static final String PROBE = "tiffin-cli";

  private Commands() {
  }

  static int ping(CacheManager manager, PrintStream out) {
    Cache<Object, Object> probe = open(manager, PROBE);
    TiffinCache<?, ?> tiffin = probe.unwrap(TiffinCache.class);
    java.time.Duration roundTrip = tiffin.ping();
    out.printf("PONG from %s in %.3f ms%n", tiffin.storeDescription(), roundTrip.toNanos() / 1e6);
    return 0;
  }

  static int clear(CacheManager manager, String cacheName, PrintStream out) {
    Cache<Object, Object> cache = open(manager, cacheName);
    cache.clear();
    out.println("cleared cache '" + cacheName + "' in " + cache.unwrap(TiffinCache.class).storeDescription());
    return 0;
  }

  private static Cache<Object, Object> open(CacheManager manager, String cacheName) {
    Cache<Object, Object> cache = manager.getCache(cacheName);
    return cache != null ? cache : manager.createCache(cacheName, new MutableConfiguration<>());
  }
}
