package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Empties one cache, this application's keys only, after asking. */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = "Remove every entry of one cache (only this application's keys), with a progress bar; asks first unless --yes.")
final class ClearCommand extends StoreCommand {

  private static final int BATCH = 1_000;

  @Parameters(index = "0", paramLabel = "<cache>", description = "the cache")
  String cache;

  @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    try (Target opened = target) {
      Cache<Object, Object> entries = Caches.existing(target.manager(), cache);
      TiffinCache<?, ?> tiffin = entries.unwrap(TiffinCache.class);
      long count = CachesCommand.count(tiffin.keys("*"));
      if (!yes && !confirmed(count, tiffin.storeDescription())) {
        spec.commandLine().getErr().println("tiffin clear: not confirmed; nothing removed");
        return Tiffin.FAILURE;
      }
      long removed = removeInBatches(entries, tiffin.keys("*"), count);
      // Whatever could not be listed as a key (unreadable entries) goes with the cache's own clear().
      entries.clear();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("cache", cache);
      fields.put("removed", removed);
      fields.put("store", tiffin.storeDescription());
      output().record(fields);
      return 0;
    }
  }

  /** Removes the listed keys a thousand at a time, so a big clear shows its progress. */
  private long removeInBatches(Cache<Object, Object> entries, Iterator<?> keys, long count) {
    Progress progress = new Progress(spec.commandLine().getErr(), count);
    Set<Object> batch = new HashSet<>();
    long removed = 0;
    while (keys.hasNext()) {
      batch.add(keys.next());
      if (batch.size() == BATCH || !keys.hasNext()) {
        entries.removeAll(batch);
        removed += batch.size();
        progress.advance(batch.size());
        batch.clear();
      }
    }
    progress.done();
    return removed;
  }

  private boolean confirmed(long count, String store) throws IOException {
    if (System.console() == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "no terminal to confirm on: pass --yes to clear '" + cache + "' (" + count + " entries) from a script");
    }
    spec.commandLine().getOut().printf("Remove all %d entries of cache '%s' in %s? [y/N] ", count, cache, store);
    spec.commandLine().getOut().flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }
}
