package dev.tiffin.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import javax.cache.CacheException;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/** The {@code tiffin} command: {@code demo}, {@code ping} and {@code clear} against a cache manager URI. */
public final class Tiffin {

  private static final String USAGE = String.join("\n",
      "usage: tiffin <command> [--uri <cache manager URI>]",
      "  demo            show a cache at work on the embedded SQLite default: miss, hit, expiry, statistics",
      "  ping            check that the store answers, and how fast",
      "  clear <cache>   remove every entry of one cache (only this application's keys)",
      "The URI defaults to Tiffin's default (tiffin.properties on the class path, else the per-user SQLite file).");

  private Tiffin() {
  }

  /** Runs a command and exits with 0 on success, 1 on a cache error, 2 on bad usage. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    URI uri = null;
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    int uriFlag = Arrays.asList(rest).indexOf("--uri");
    if (uriFlag >= 0) {
      if (uriFlag + 1 >= rest.length) {
        err.println("--uri needs a value\n" + USAGE);
        return 2;
      }
      uri = URI.create(rest[uriFlag + 1]);
      String[] withoutUri = new String[rest.length - 2];
      System.arraycopy(rest, 0, withoutUri, 0, uriFlag);
      System.arraycopy(rest, uriFlag + 2, withoutUri, uriFlag, rest.length - uriFlag - 2);
      rest = withoutUri;
    }
    CachingProvider provider = Caching.getCachingProvider();
    try {
      return switch (args[0]) {
        case "demo" -> new Demo(provider.getCacheManager(uri, null), out).run();
        case "ping" -> Commands.ping(provider.getCacheManager(uri, null), out);
        case "clear" -> rest.length == 1 ? Commands.clear(provider.getCacheManager(uri, null), rest[0], out) : usage(err);
        default -> usage(err);
      };
    } catch (CacheException | IllegalArgumentException e) {
      err.println("tiffin " + args[0] + ": " + e.getMessage());
      return 1;
    } finally {
      provider.close();
    }
  }

  private static int usage(PrintStream err) {
    err.println(USAGE);
    return 2;
  }
}
