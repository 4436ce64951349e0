package dev.tiffin.provider.config;

import static dev.tiffin.provider.config.SettingNames.APP;
import static dev.tiffin.provider.config.SettingNames.CACHE;
import static dev.tiffin.provider.config.SettingNames.CACHE_SETTINGS;
import static dev.tiffin.provider.config.SettingNames.STORE;
import static dev.tiffin.provider.config.SettingNames.STORE_SETTINGS;
import static dev.tiffin.provider.config.SettingNames.TEMPLATE;

import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.config.TiffinSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.cache.CacheException;

/**
 * Resolves a cache manager's settings: defaults, then the file or URI, then the {@code Properties}
 * argument, then system properties, then environment variables, each overriding the one before.
 */
public final class SettingsLoader {

  /** The URI of the manager nobody configured; reads {@code tiffin.properties} from the classpath if present. */
  public static final URI DEFAULT_URI = URI.create("tiffin:default");
  /** The optional classpath resource the default URI reads. */
  public static final String DEFAULT_RESOURCE = "tiffin.properties";

  private final Map<String, String> env;
  private final Properties system;

  /** Creates a loader reading the given environment and system properties. */
  public SettingsLoader(Map<String, String> env, Properties system) {
    this.env = Map.copyOf(env);
    this.system = system;
  }

  /** Creates a loader over this process's environment and system properties. */
  public static SettingsLoader fromProcess() {
    return new SettingsLoader(System.getenv(), System.getProperties());
  }

  /** Resolves every setting for the manager at {@code uri}. */
  public Resolved load(URI uri, ClassLoader classLoader, Properties properties) {
    Map<String, String> raw = new TreeMap<>(Defaults.values());
    raw.putAll(fromUri(uri, classLoader));
    putTiffinKeys(raw, properties);
    putTiffinKeys(raw, system);
    raw.putAll(fromEnvironment(raw.keySet()));
    Map<String, String> values = new TreeMap<>();
    raw.forEach((key, value) -> values.put(key, Placeholders.resolve(key, value, env, system)));
    validateKeys(values.keySet());
    return new Resolved(toSettings(values), values);
  }

  private Map<String, String> fromUri(URI uri, ClassLoader classLoader) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Map<String, String> values = new HashMap<>();
    switch (scheme) {
      case "tiffin" -> {
        if (!uri.equals(DEFAULT_URI)) {
          throw badUri(uri);
        }
        try (InputStream in = classLoader.getResourceAsStream(DEFAULT_RESOURCE)) {
          if (in != null) {
            values.putAll(read(in, "classpath:" + DEFAULT_RESOURCE));
          }
        } catch (IOException e) {
          throw new CacheException("Cannot read classpath:" + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
      }
      case "classpath" -> {
        String resource = uri.getSchemeSpecificPart().replaceFirst("^/+", "");
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
          if (in == null) {
            throw new CacheException("Cache manager URI " + uri + ": no resource '" + resource + "' on the class path");
          }
          values.putAll(read(in, uri.toString()));
        } catch (IOException e) {
          throw new CacheException("Cannot read " + uri + ": " + e.getMessage(), e);
        }
      }
      case "file" -> {
        Path file = Path.of(uri);
        try (InputStream in = Files.newInputStream(file)) {
          values.putAll(read(in, uri.toString()));
        } catch (IOException e) {
          throw new CacheException("Cannot read the configuration file " + file + " (" + uri + "): " + e, e);
        }
      }
      case "" -> values.put(APP, requireName(uri));
      default -> {
        if (!SettingNames.STORE_SCHEMES.contains(scheme)) {
          throw badUri(uri);
        }
        values.put(STORE + CacheSettings.DEFAULT_STORE + ".uri", uri.toString());
      }
    }
    return values;
  }

  private static String requireName(URI uri) {
    String name = uri.toString();
    if (name.isBlank() || name.contains(":")) {
      throw badUri(uri);
    }
    return name;
  }

  private static CacheException badUri(URI uri) {
    return new CacheException("Unsupported cache manager URI '" + Redacted.uri(uri) + "'. Expected " + DEFAULT_URI
        + ", a store URI (sqlite:<file>, redis://, rediss://, redis-sentinel://, redis-cluster://, tongrds://,"
        + " tongrds-sentinel://, tongrds-cluster://),"
        + " classpath:<properties resource>, file:<properties file>, or a plain name (used as the application prefix)");
  }

  private static Map<String, String> read(InputStream in, String source) throws IOException {
    Properties file = new Properties();
    try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      file.load(reader);
    }
    Map<String, String> values = new LinkedHashMap<>();
    putTiffinKeys(values, file);
    if (values.isEmpty() && !file.isEmpty()) {
      throw new CacheException(source + " holds no tiffin.* settings (found: " + file.stringPropertyNames() + ")");
    }
    return values;
  }

  private static void putTiffinKeys(Map<String, String> target, Properties source) {
    if (source == null) {
      return;
    }
    for (String key : source.stringPropertyNames()) {
      if (key.startsWith("tiffin.")) {
        target.put(key, source.getProperty(key).trim());
      }
    }
  }

  /** Environment variables override keys already known, and define stores and caches by suffix. */
  private Map<String, String> fromEnvironment(Set<String> knownKeys) {
    Map<String, String> values = new HashMap<>();
    for (String key : knownKeys) {
      String value = env.get(SettingNames.envName(key));
      if (value != null) {
        values.put(key, value.trim());
      }
    }
    env.forEach((name, value) -> {
      String key = keyForEnv(name);
      if (key != null) {
        values.putIfAbsent(key, value.trim());
      }
    });
    return values;
  }

  private static String keyForEnv(String envName) {
    if (envName.equals(SettingNames.envName(APP))) {
      return APP;
    }
    String key = keyForEnv(envName, "TIFFIN_STORE_", STORE, STORE_SETTINGS);
    return key != null ? key : keyForEnv(envName, "TIFFIN_CACHE_", CACHE, CACHE_SETTINGS);
  }

  private static String keyForEnv(String envName, String envPrefix, String keyPrefix, List<String> settings) {
    if (!envName.startsWith(envPrefix)) {
      return null;
    }
    String rest = envName.substring(envPrefix.length());
    for (String setting : settings) {
      String suffix = "_" + SettingNames.envName(setting);
      if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
        String name = rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT);
        return keyPrefix + name + "." + setting;
      }
    }
    return null;
  }

  private static void validateKeys(Set<String> keys) {
    Set<String> unknown = new TreeSet<>();
    for (String key : keys) {
      if (!key.equals(APP)
          && !isGroupKey(key, STORE, STORE_SETTINGS)
          && !isGroupKey(key, CACHE, CACHE_SETTINGS)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new CacheException("Unknown Tiffin setting(s) " + unknown + ". Known: " + APP + ", "
          + STORE + "<name>." + STORE_SETTINGS + ", " + CACHE + "<name>." + CACHE_SETTINGS);
    }
  }

  private static boolean isGroupKey(String key, String prefix, List<String> settings) {
    return SettingNames.groupName(key, prefix, settings) != null;
  }

  private static TiffinSettings toSettings(Map<String, String> values) {
    SettingValues read = new SettingValues(values);
    Map<String, StoreSettings> stores = new HashMap<>();
    for (String name : read.groupNames(STORE, STORE_SETTINGS)) {
      stores.put(name, read.store(name));
    }
    CacheSettings template = read.cache(TEMPLATE, CacheSettings.defaults());
    Map<String, CacheSettings> caches = new HashMap<>();
    for (String name : read.groupNames(CACHE, CACHE_SETTINGS)) {
      if (!name.equals(TEMPLATE)) {
        caches.put(name, read.cache(name, template));
      }
    }
    String app = read.string(APP);
    if (app.isBlank() || app.contains(":")) {
      throw new CacheException(APP + " must be a non-empty name without ':', was '" + app + "'");
    }
    TiffinSettings settings = new TiffinSettings(app, stores, caches, template);
    for (CacheSettings cache : caches.values()) {
      settings.store(cache.store());
    }
    settings.store(template.store());
    return settings;
  }

  /**
   * The outcome of loading: typed settings plus the flat resolved values.
   *
   * @param settings the typed settings
   * @param values every resolved {@code tiffin.*} key and value
   */
  public record Resolved(TiffinSettings settings, Map<String, String> values) {
  }
}
