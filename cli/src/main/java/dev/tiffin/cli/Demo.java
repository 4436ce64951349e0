package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.management.CacheStatisticsMXBean;

/** The README's first command: a cache on the embedded default showing a miss, a hit, expiry and statistics. */
final class Demo {

  static final String CACHE = "tiffin-demo";
  private static final long TTL_MILLIS = 1_000;

  private final CacheManager manager;
  private final PrintWriter out;

  Demo(CacheManager manager, PrintWriter out) {
    this.manager = manager;
    this.out = out;
  }

  int run() {
    Cache<String, String> cache = manager.createCache(CACHE, new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setStatisticsEnabled(true)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, TTL_MILLIS))));
    cache.clear();
    out.println("Tiffin demo: cache '" + CACHE + "' in " + cache.unwrap(TiffinCache.class).storeDescription());
    show("get(\"greeting\")", cache.get("greeting"), "miss: nothing cached yet");
    cache.put("greeting", "hello, tiffin");
    out.printf("%-34s (expires %d ms after creation)%n", "put(\"greeting\", \"hello, tiffin\")", TTL_MILLIS);
    show("get(\"greeting\")", cache.get("greeting"), "hit");
    sleep(TTL_MILLIS + 100);
    show("get(\"greeting\")", cache.get("greeting"), "miss: expired after " + TTL_MILLIS + " ms");
    CacheStatisticsMXBean statistics = cache.unwrap(dev.tiffin.provider.StoreBackedCache.class).statistics();
    out.printf("statistics: %d gets, %d hits, %d misses (%.0f%% hit rate), %d puts%n",
        statistics.getCacheGets(), statistics.getCacheHits(), statistics.getCacheMisses(),
        statistics.getCacheHitPercentage(), statistics.getCachePuts());
    manager.destroyCache(CACHE);
    return 0;
  }

  private void show(String call, String result, String meaning) {
    out.printf("%-34s -> %-16s %s%n", call, result == null ? "null" : '"' + result + '"', meaning);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheInterrupted();
    }
  }

  /** The demo was interrupted while waiting for expiry. */
  static final class CacheInterrupted extends javax.cache.CacheException {
    private static final long serialVersionUID = 1L;

    CacheInterrupted() {
      super("interrupted while waiting for the entry to expire");
    }
  }
}
