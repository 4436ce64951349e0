package dev.tiffin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiffinTest {

  @TempDir
  Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Tiffin.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String uri() {
    return "sqlite:" + folder.resolve("cli.db");
  }

  @Test
  void demoShowsMissHitExpiryAndStatistics() {
    assertEquals(0, run("demo", "--uri", uri()), err::toString);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("miss: nothing cached yet"), text);
    assertTrue(text.lines().anyMatch(line -> line.contains("\"hello, tiffin\"") && line.endsWith(" hit")), text);
    assertTrue(text.contains("miss: expired"), text);
    assertTrue(text.contains("3 gets, 1 hits, 2 misses (33% hit rate), 1 puts"), text);
  }

  @Test
  void pingNamesTheStore() {
    assertEquals(0, run("ping", "--uri", uri()), err::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("PONG from SQLite store 'default'"));
  }

  @Test
  void clearEmptiesOneCache() {
    CachingProvider provider = Caching.getCachingProvider();
    Cache<String, String> cache = provider.getCacheManager(java.net.URI.create(uri()), null)
        .createCache("users", new MutableConfiguration<>());
    cache.put("k", "v");
    provider.close();
    assertEquals(0, run("clear", "users", "--uri", uri()), err::toString);
    cache = provider.getCacheManager(java.net.URI.create(uri()), null).createCache("users", new MutableConfiguration<>());
    assertEquals(null, cache.get("k"));
    provider.close();
  }

  @Test
  void badUsageAndBadUrisAreExplained() {
    assertEquals(2, run());
    assertEquals(2, run("frobnicate"));
    assertEquals(1, run("ping", "--uri", "mysql://db"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unsupported cache manager URI 'mysql://db'"));
  }
}
