package dev.tiffin.provider.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  static final List<String> STORE_SETTINGS = List.of(
      "uri", "timeout", "pool-size", "sweep-interval", "username", "password", "signing-key", "previous-signing-key",
      "change-poll-interval", "failures-as-misses", "breaker.failures", "breaker.open-for");
  /** Settings whose values are never printed nor handed out through {@code getProperties()}. */
  static final Set<String> SECRET_SETTINGS = Set.of("password", "signing-key", "previous-signing-key");
  /** URI schemes of the stores this version can open. */
  public static final Set<String> STORE_SCHEMES = Set.of("sqlite", "redis", "rediss", "redis-sentinel", "redis-cluster",
      "tongrds", "tongrds-sentinel", "tongrds-cluster");
  static final List<String> CACHE_SETTINGS = List.of(
      "store", "expiry", "statistics", "management", "allowed-classes", "single-flight", "single-flight-lease",
      "single-flight-wait", "near.max-entries", "near.max-age", "listeners-across-jvms",
      "write-behind.max-pending");

  private SettingNames() {
  }

  /**
   * The store or cache name in {@code key} ({@code <prefix><name>.<setting>}, the setting one of
   * {@code settings}, which may hold dots themselves), or {@code null} when the key is no such setting.
   */
  static String groupName(String key, String prefix, List<String> settings) {
    if (!key.startsWith(prefix)) {
      return null;
    }
    for (String setting : settings) {
      int end = key.length() - setting.length() - 1;
      if (end > prefix.length() && key.endsWith(setting) && key.charAt(end) == '.') {
        return key.substring(prefix.length(), end);
      }
    }
    return null;
  }

  /** Whether the key names a secret, such as {@code tiffin.store.main.password}. */
  public static boolean isSecret(String key) {
    return SECRET_SETTINGS.contains(key.substring(key.lastIndexOf('.') + 1));
  }

  /** The environment variable that overrides a key, e.g. {@code TIFFIN_STORE_MAIN_URI}. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
