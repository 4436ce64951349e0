package dev.tiffin.cli;

import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes entries by key. */
@Command(name = "del", mixinStandardHelpOptions = true, description = "Remove entries by (String) key.")
final class DelCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "<cache>", description = "the cache")
  String cache;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key>", description = "the keys")
  List<String> keys;

  @Override
  public Integer call() {
    try (Target opened = target) {
      Cache<Object, Object> entries = Caches.existing(target.manager(), cache);
      long removed = keys.stream().filter(entries::remove).count();
      output().record(Map.of("removed", removed));
      return 0;
    }
  }
}
