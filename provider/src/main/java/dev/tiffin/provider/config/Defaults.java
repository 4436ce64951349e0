package dev.tiffin.provider.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Every default Tiffin uses, in one place (the README's settings table mirrors this class). */
public final class Defaults {

  /** The application prefix when none is configured. */
  public static final String APP = "tiffin";
  /** How long an operation may wait for its store. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Connections each store keeps for readers. */
  public static final int POOL_SIZE = 8;
  /** How often expired entries are swept (they linger one interval first). */
  public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
  /** How often a SQLite store with near tiers looks for changes other processes made. */
  public static final Duration CHANGE_POLL_INTERVAL = dev.tiffin.config.StoreSettings.DEFAULT_CHANGE_POLL_INTERVAL;

  /**
   * How long a write-through lock lasts in the store if the JVM holding it dies before giving it
   * back; a {@code CacheWriter} that runs longer than this may overlap a write to the same key.
   */
  public static final Duration WRITE_THROUGH_LEASE = Duration.ofSeconds(30);

  private Defaults() {
  }

  /** The default key/value pairs, lowest in precedence. */
  static Map<String, String> values() {
    return Map.of(
        SettingNames.APP, APP,
        SettingNames.STORE + "default.uri", "sqlite:" + defaultSqliteFile(System.getenv(), System.getProperties()));
  }

  /**
   * The per-user file of the embedded default store: {@code $XDG_CACHE_HOME/tiffin/default.db},
   * else {@code ~/.cache/tiffin/default.db} ({@code %LOCALAPPDATA%\tiffin} on Windows,
   * {@code ~/Library/Caches/tiffin} on macOS).
   */
  public static Path defaultSqliteFile(Map<String, String> env, java.util.Properties system) {
    String home = system.getProperty("user.home", ".");
    String os = system.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path base;
    if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()) {
      base = Path.of(env.get("XDG_CACHE_HOME"));
    } else if (os.contains("win") && env.get("LOCALAPPDATA") != null) {
      base = Path.of(env.get("LOCALAPPDATA"));
    } else if (os.contains("mac")) {
      base = Path.of(home, "Library", "Caches");
    } else {
      base = Path.of(home, ".cache");
    }
    return base.resolve("tiffin").resolve("default.db");
  }
}
