package dev.tiffin.provider.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tiffin.config.StoreSettings;
import dev.tiffin.spi.StoredEntry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite file that another process locks, that is corrupted, or whose file system turns read-only. */
class SqliteFileFaultTest {

  @TempDir
  Path folder;

  private static StoreSettings settings(Path file) {
    return new StoreSettings("faulty", URI.create("sqlite:" + file), Duration.ofMillis(500), 2, Duration.ofMinutes(1));
  }

  private static byte[] key(String key) {
    return ("app:c:" + key).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFileLockedByAnotherProcessFailsWithinTheTimeoutAndWorksOnceReleased() throws Exception {
    Path file = folder.resolve("locked.db");
    try (SqliteStore store = new SqliteStore(settings(file), System::currentTimeMillis)) {
      store.put(key("before"), new byte[] {1}, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
      Path ready = folder.resolve("ready");
      Path release = folder.resolve("release");
      Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString(),
          ready.toString(), release.toString()).redirectErrorStream(true).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready) && holder.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(Files.exists(ready), "the other process never took the lock");
        long start = System.nanoTime();
        CacheException locked = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
            CacheException.class, () -> store.put(key("during"), new byte[] {2}, StoredEntry.ETERNAL, StoredEntry.ETERNAL)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_000, "waited " + millis + " ms with a 500 ms timeout");
        assertTrue(locked.getMessage().contains("locked.db") && locked.getMessage().contains("locked"),
            locked.getMessage());
      } finally {
        Files.createFile(release);
        holder.waitFor(30, TimeUnit.SECONDS);
      }
      store.put(key("after"), new byte[] {3}, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
      assertNotNull(store.get(key("after")));
    }
  }

  @Test
  void aCorruptedFileIsAClearErrorNamingIt() throws Exception {
    Path file = folder.resolve("corrupt.db");
    byte[] garbage = new byte[8192];
    new Random(42).nextBytes(garbage);
    Files.write(file, garbage);
    CacheException error = assertThrows(CacheException.class,
        () -> new SqliteStore(settings(file), System::currentTimeMillis).close());
    assertTrue(error.getMessage().contains("corrupt.db"), error.getMessage());
    assertTrue(error.getMessage().toLowerCase().contains("not a database"), error.getMessage());
  }

  @Test
  void aReadOnlyFileSystemIsAClearErrorAndTheFileWorksOnceWritableAgain() throws Exception {
    Path mount = folder.resolve("ro");
    Files.createDirectories(mount);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()),
        "skipped: this machine cannot mount a tmpfs here (needs root and mount rights)");
    try {
      Path file = mount.resolve("cache.db");
      try (SqliteStore store = new SqliteStore(settings(file), System::currentTimeMillis)) {
        store.put(key("k"), new byte[] {1}, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
      }
      // A file system cannot turn read-only under open writers, so the store is opened again on it.
      assertTrue(run("mount", "-o", "remount,ro", mount.toString()), "could not remount read-only");
      CacheException readOnly = assertThrows(CacheException.class, () -> {
        try (SqliteStore store = new SqliteStore(settings(file), System::currentTimeMillis)) {
          store.put(key("k2"), new byte[] {2}, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
        }
      });
      assertTrue(readOnly.getMessage().contains("cache.db"), readOnly.getMessage());
      assertTrue(readOnly.getMessage().toLowerCase().contains("readonly")
          || readOnly.getMessage().toLowerCase().contains("read-only"), readOnly.getMessage());
      assertTrue(run("mount", "-o", "remount,rw", mount.toString()), "could not remount read-write");
      try (SqliteStore store = new SqliteStore(settings(file), System::currentTimeMillis)) {
        store.put(key("k3"), new byte[] {3}, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
        assertEquals(1, store.get(key("k")).value()[0]);
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  /** Another process holding an exclusive transaction on the file until told to let go. */
  public static final class LockHolder {
    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
           Statement statement = connection.createStatement()) {
        statement.execute("BEGIN EXCLUSIVE");
        Files.createFile(Path.of(args[1]));
        Path release = Path.of(args[2]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(release) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        statement.execute("COMMIT");
      }
    }
  }
}
