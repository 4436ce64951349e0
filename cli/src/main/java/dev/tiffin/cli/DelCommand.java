package dev.tiffin.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.cache.Cache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Removes entries by key. */
@Command(name = "del", mixinStandardHelpOptions = true, description = "Remove entries by (String) key.")
final class DelCommand implements Callable<Integer> {

  @Mixin
  Target target;

  @Parameters(index = "0", paramLabel = "<cache>", description = "the cache")
  String cache;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key>", description = "the keys")
  List<String> keys;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (Target opened = target) {
      Cache<Object, Object> entries = Caches.existing(target.manager(), cache);
      long removed = keys.stream().filter(entries::remove).count();
      new Output(spec.commandLine().getOut(), target.json).record(Map.of("removed", removed));
      return 0;
    }
  }
}
