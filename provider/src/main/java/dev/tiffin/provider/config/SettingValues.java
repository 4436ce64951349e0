package dev.tiffin.provider.config;

import dev.tiffin.config.Durations;
import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.NearSettings;
import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.config.ExpirySetting;
import dev.tiffin.config.FailureSettings;
import dev.tiffin.config.Secret;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.provider.codec.SigningKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.CacheException;

/** Typed reads of resolved setting values; every error names the setting and what it expected. */
final class SettingValues {


  private final Map<String, String> values;

  SettingValues(Map<String, String> values) {
    this.values = values;
  }

  /** The names used in keys {@code <prefix><name>.<setting>}. */
  Set<String> groupNames(String prefix, List<String> settings) {
    Set<String> names = new TreeSet<>();
    for (String key : values.keySet()) {
      String name = SettingNames.groupName(key, prefix, settings);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  StoreSettings store(String name) {
    try {
      return readStore(name);
    } catch (IllegalArgumentException e) {
      throw new CacheException(e.getMessage(), e);
    }
  }

  private StoreSettings readStore(String name) {
    String key = SettingNames.STORE + name + ".";
    return new StoreSettings(
        name,
        uri(key + "uri"),
        atLeast(key + "timeout", Defaults.TIMEOUT, Duration.ofMillis(1)),
        integer(key + "pool-size", Defaults.POOL_SIZE),
        atLeast(key + "sweep-interval", Defaults.SWEEP_INTERVAL, Duration.ofSeconds(1)),
        Optional.ofNullable(values.get(key + "username")),
        Optional.ofNullable(values.get(key + "password")).map(dev.tiffin.config.Secret::new),
        signingKey(key + "signing-key"),
        signingKey(key + "previous-signing-key"),
        atLeast(key + "change-poll-interval", Defaults.CHANGE_POLL_INTERVAL, Duration.ofMillis(1)),
        new FailureSettings(bool(key + "failures-as-misses", false), wholeNumber(key + "breaker.failures", 0),
            atLeast(key + "breaker.open-for", FailureSettings.DEFAULT_OPEN_FOR, Duration.ofMillis(1))));
  }

  private Optional<Secret> signingKey(String key) {
    String value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value.length() < SigningKeys.MIN_LENGTH) {
      // Never echo any of it: it is a secret.
      throw new CacheException("Setting " + key + " is too short: expected a secret of at least "
          + SigningKeys.MIN_LENGTH + " characters (for example 32 random characters), the same in every JVM"
          + " sharing the store");
    }
    return Optional.of(new Secret(value));
  }

  CacheSettings cache(String name, CacheSettings fallback) {
    String key = SettingNames.CACHE + name + ".";
    String allowed = values.get(key + "allowed-classes");
    return new CacheSettings(
        values.getOrDefault(key + "store", fallback.store()),
        values.containsKey(key + "expiry") ? Optional.of(expiry(key + "expiry")) : fallback.expiry(),
        bool(key + "statistics", fallback.statistics()),
        bool(key + "management", fallback.management()),
        allowed == null ? fallback.allowedClasses() : Arrays.stream(allowed.split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList(),
        new NearSettings(wholeNumber(key + "near.max-entries", fallback.near().maxEntries()),
            atLeast(key + "near.max-age", fallback.near().maxAge(), Duration.ofMillis(1))),
        bool(key + "listeners-across-jvms", fallback.listenersAcrossJvms()),
        new WriteBehindSettings(wholeNumber(key + "write-behind.max-pending", fallback.writeBehind().maxPending())));
  }

  String string(String key) {
    return values.get(key);
  }

  private URI uri(String key) {
    String value = values.get(key);
    if (value == null) {
      throw invalid(key, null, "a store URI such as sqlite:/path/to/file.db");
    }
    if (Redacted.holdsPassword(value)) {
      // Never echo the URI: it holds a password.
      throw new CacheException("Setting " + key + " holds a password inside the URI; put it in "
          + key.replace(".uri", ".password") + " (or the environment variable "
          + SettingNames.envName(key.replace(".uri", ".password")) + ") instead");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(key, value, "a valid URI (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SettingNames.STORE_SCHEMES.contains(scheme)) {
      throw invalid(key, value, "a URI with one of the schemes " + new TreeSet<>(SettingNames.STORE_SCHEMES));
    }
    return uri;
  }

  /** A duration of at least {@code minimum}: zero would mean "no timeout" or "sweep without pause". */
  private Duration atLeast(String key, Duration fallback, Duration minimum) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    Duration duration = parseDuration(key, value);
    if (duration.compareTo(minimum) < 0) {
      throw invalid(key, value, "a duration of at least " + minimum.toMillis() + "ms, such as 500ms, 30s or 10m");
    }
    return duration;
  }

  private static Duration parseDuration(String key, String value) {
    return Durations.parse(value).orElseThrow(() -> invalid(key, value, "a duration such as " + Durations.EXAMPLES));
  }

  private int integer(String key, int fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a whole number");
    }
  }

  private long wholeNumber(String key, long fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below, with what was expected.
    }
    throw invalid(key, value, "a whole number of at least 0 (0 turns it off)");
  }

  private boolean bool(String key, boolean fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  private ExpirySetting expiry(String key) {
    String value = values.get(key).trim();
    String expected = "eternal, or created|accessed|modified|touched:<duration>, e.g. created:10m";
    if (value.equalsIgnoreCase("eternal")) {
      return ExpirySetting.eternal();
    }
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw invalid(key, value, expected);
    }
    ExpirySetting.Kind kind;
    try {
      kind = ExpirySetting.Kind.valueOf(value.substring(0, colon).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, expected);
    }
    if (kind == ExpirySetting.Kind.ETERNAL) {
      throw invalid(key, value, expected);
    }
    return new ExpirySetting(kind, parseDuration(key, value.substring(colon + 1)));
  }

  private static CacheException invalid(String key, String value, String expected) {
    String shown = SettingNames.isSecret(key) ? "****" : Redacted.text(value);
    return new CacheException("Setting " + key + (value == null ? " is missing" : " = '" + shown + "' is invalid")
        + ": expected " + expected);
  }

}
