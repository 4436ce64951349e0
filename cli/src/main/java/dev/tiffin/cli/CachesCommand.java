package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.catalog.CatalogRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The caches a store knows (its catalog), with their live entries, types and expiry. */
@Command(name = "caches", mixinStandardHelpOptions = true,
    description = "List the caches the store knows for this application: entries, types, expiry.")
final class CachesCommand implements Callable<Integer> {

  @Mixin
  Target target;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

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
      new Output(spec.commandLine().getOut(), target.json)
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
