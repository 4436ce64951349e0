package dev.tiffin.cli;

import dev.tiffin.api.StoredValue;
import dev.tiffin.api.TiffinCache;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.Cache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** One entry: its class, size and trust from the stored bytes, and the value itself when it is text or a number. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show the value under a (String) key: its text, or its class and size.")
final class GetCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "<cache>", description = "the cache")
  String cache;

  @Parameters(index = "1", paramLabel = "<key>", description = "the key")
  String key;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() {
    try (Target opened = target) {
      Cache<Object, Object> entries = Caches.existing(target.manager(), cache);
      TiffinCache<Object, Object> tiffin = entries.unwrap(TiffinCache.class);
      StoredValue stored = tiffin.inspect(key).orElseThrow(
          () -> new IllegalArgumentException("no entry for key '" + key + "' in cache '" + cache + "'"));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("key", key);
      fields.put("class", stored.type());
      fields.put("size", stored.bytes() + " bytes");
      fields.put("trust", stored.trust());
      if (stored.type().startsWith("java.lang.")) {
        // Text and numbers need no class of the application: show them.
        fields.put("value", entries.get(key));
      }
      output().record(fields);
      return 0;
    }
  }

}
