package dev.tiffin.provider.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.spi.StoredEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite store on a small tmpfs: the disk fills, space returns, and the store works again by itself. */
class SqliteDiskFullTest {

  @TempDir
  Path folder;

  private Path mount;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    mount = folder.resolve("small");
    Files.createDirectories(mount);
    boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
    assumeTrue(mounted, "skipped: this machine cannot mount a tmpfs here (needs root and mount rights),"
        + " so a full disk cannot be simulated");
  }

  @AfterEach
  void unmount() throws Exception {
    run("umount", mount.toString());
  }

  @Test
  void writesWorkAgainOnceSpaceReturns() throws IOException {
    Path filler = mount.resolve("filler");
    Files.write(filler, new byte[400 * 1024]);
    StoreSettings settings = new StoreSettings("full", URI.create("sqlite:" + mount.resolve("cache.db")),
        Duration.ofSeconds(1), 2, Duration.ofMinutes(1));
    try (SqliteStore store = new SqliteStore(settings, System::currentTimeMillis)) {
      byte[] value = new byte[32 * 1024];
      int failures = 0;
      for (int i = 0; i < 100 && failures == 0; i++) {
        try {
          store.put(key("k" + i), value, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
        } catch (CacheException e) {
          failures++;
        }
      }
      assertEquals(1, failures, "the disk never filled");

      Files.delete(filler);
      store.put(key("after"), value, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
      assertNotNull(store.get(key("after")));
      store.clear(key(""));
      store.put(key("again"), new byte[] {1}, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
      assertNotNull(store.get(key("again")));
    }
  }

  private static byte[] key(String key) {
    return ("app:c:" + key).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}
