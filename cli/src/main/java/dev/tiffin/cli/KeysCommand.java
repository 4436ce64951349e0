package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The keys of one cache, streamed as the store is scanned. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "List a cache's keys, streamed page by page (never KEYS), matching an optional glob.")
final class KeysCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "<cache>", description = "the cache")
  String cache;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<pattern>",
      description = "a glob: * ? [abc] [!a], \\ before a character makes it literal (default: *)")
  String pattern = "*";

  @Option(names = "--limit", paramLabel = "<n>", description = "stop after n keys")
  long limit = Long.MAX_VALUE;

  @Override
  public Integer call() {
    try (Target opened = target) {
      Iterator<Object> keys = Caches.existing(target.manager(), cache).unwrap(TiffinCache.class).keys(pattern);
      PrintWriter out = spec.commandLine().getOut();
      List<String> collected = new ArrayList<>();
      for (long n = 0; n < limit && keys.hasNext(); n++) {
        String key = String.valueOf(keys.next());
        if (target.json) {
          collected.add(key);
        } else {
          out.println(key);
        }
      }
      if (target.json) {
        out.println(new com.google.gson.Gson().toJson(collected));
      }
      return 0;
    }
  }
}
