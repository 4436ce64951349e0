package dev.tiffin.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tiffin's settings for one cache ({@code tiffin.cache.<name>.*}) or for the template that every
 * cache falls back to ({@code tiffin.cache.*.*}).
 *
 * @param store the name of the store holding the cache's entries
 * @param expiry the expiry policy of a cache declared in configuration; empty means eternal
 * @param statistics whether a declared cache collects statistics
 * @param management whether a declared cache registers its configuration MXBean
 * @param allowedClasses class names or {@code package.*} patterns that deserialization accepts
 *     besides JDK value types and the cache's declared key and value types
 * @param near the cache's near (in-process) tier, off unless configured
 * @param listenersAcrossJvms whether the cache's listeners also hear changes made in other JVMs
 * @param writeBehind whether and how far the cache's puts are written behind, off unless configured
 */
public record CacheSettings(
    String store,
    Optional<ExpirySetting> expiry,
    boolean statistics,
    boolean management,
    List<String> allowedClasses,
    NearSettings near,
    boolean listenersAcrossJvms,
    WriteBehindSettings writeBehind) {

  /** The name of the store used when none is configured. */
  public static final String DEFAULT_STORE = "default";

  /** Copies the list so the settings stay immutable. */
  public CacheSettings {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(expiry, "expiry");
    allowedClasses = List.copyOf(allowedClasses);
    Objects.requireNonNull(near, "near");
    Objects.requireNonNull(writeBehind, "writeBehind");
  }

  /** These settings with {@code writeBehind} instead. */
  public CacheSettings withWriteBehind(WriteBehindSettings writeBehind) {
    return new CacheSettings(store, expiry, statistics, management, allowedClasses, near, listenersAcrossJvms,
        writeBehind);
  }

  /** The settings of a cache nobody configured. */
  public static CacheSettings defaults() {
    return new CacheSettings(DEFAULT_STORE, Optional.empty(), false, false, List.of(), NearSettings.off(), false,
        WriteBehindSettings.off());
  }
}
