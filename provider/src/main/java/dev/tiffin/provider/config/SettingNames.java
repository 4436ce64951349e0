package dev.tiffin.provider.config;

import java.util.List;
import java.util.Locale;

/** The setting keys Tiffin reads, and how each maps to an environment variable. */
public final class SettingNames {

  /** The application prefix every key carries. */
  public static final String APP = "tiffin.app";
  /** Per-store keys: {@code tiffin.store.<name>.<setting>}. */
  public static final String STORE = "tiffin.store.";
  /** Per-cache keys: {@code tiffin.cache.<name>.<setting>}; {@code *} is the template. */
  public static final String CACHE = "tiffin.cache.";
  /** The cache name that stands for every cache without settings of its own. */
  public static final String TEMPLATE = "*";

  static final List<String> STORE_SETTINGS = List.of("uri", "timeout", "pool-size", "sweep-interval");
  static final List<String> CACHE_SETTINGS = List.of(
      "store", "expiry", "statistics", "management", "allowed-classes", "single-flight");

  private SettingNames() {
  }

  /** The environment variable that overrides a key, e.g. {@code TIFFIN_STORE_MAIN_URI}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
