package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.catalog.CatalogRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import picocli.CommandLine.Command;

/** The caches a store knows (its catalog), with their live entries, types and expiry. */
@Command(name = "caches", mixinStandardHelpOptions = true,
    description = "List the caches the store knows for this application: entries, types, expiry.")
final class CachesCommand extends StoreCommand {

  @Override
  public Integer call() {
    try (Target opened = target) {
      CacheManager manager = target.manager();
      List<List<?>> rows = new ArrayList<>();
      for (String name : manager.getCacheNames()) {
        Cache<Object, Object> cache = manager.getCache(name);
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        rows.add(List.of(name, count(cache.unwrap(TiffinCache.class).keys("*")),
            configuration.getKeyType().getName(), configuration.getValueType().getName(),
            CatalogRecord.expiryOf(configuration)));
      }
      output()
          .table(List.of("cache", "entries", "key type", "value type", "expiry"), rows);
      return 0;
    }
  }

  static long count(Iterator<?> keys) {
    long count = 0;
    for (; keys.hasNext(); keys.next()) {
      count++;
    }
    return count;
  }
}
