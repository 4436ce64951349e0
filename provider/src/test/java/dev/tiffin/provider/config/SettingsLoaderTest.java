package dev.tiffin.provider.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.ExpirySetting;
import dev.tiffin.config.NearSettings;
import dev.tiffin.config.WriteBehindSettings;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.config.FailureSettings;
import dev.tiffin.config.TiffinSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @TempDir
  Path folder;

  private final Map<String, String> env = new HashMap<>();
  private final Properties system = new Properties();

  private TiffinSettings load(URI uri, Properties properties) {
    return new SettingsLoader(env, system).load(uri, getClass().getClassLoader(), properties).settings();
  }

  private URI file(String... lines) throws IOException {
    Path file = folder.resolve("tiffin-" + System.nanoTime() + ".properties");
    Files.write(file, List.of(lines));
    return file.toUri();
  }

  @Test
  void nothingConfiguredGivesTheEmbeddedDefault() {
    system.setProperty("user.home", "/home/ann");
    system.setProperty("os.name", "Linux");
    TiffinSettings settings = load(SettingsLoader.DEFAULT_URI, null);
    assertEquals("tiffin", settings.app());
    assertTrue(settings.store("default").uri().toString().startsWith("sqlite:"));
    assertEquals(Duration.ofSeconds(5), settings.store("default").timeout());
    assertEquals(CacheSettings.defaults(), settings.cache("anything"));
  }

  @Test
  void defaultFileIsPerUserAndHonoursXdg() {
    Properties props = new Properties();
    props.setProperty("user.home", "/home/ann");
    props.setProperty("os.name", "Linux");
    assertEquals(Path.of("/home/ann/.cache/tiffin/default.db"), Defaults.defaultSqliteFile(Map.of(), props));
    assertEquals(Path.of("/xdg/tiffin/default.db"), Defaults.defaultSqliteFile(Map.of("XDG_CACHE_HOME", "/xdg"), props));
  }

  @Test
  void fileDefinesStoresCachesAndTemplate() throws IOException {
    URI uri = file(
        "tiffin.app=shop",
        "tiffin.store.main.uri=sqlite:/tmp/main.db",
        "tiffin.store.main.timeout=250ms",
        "tiffin.store.main.pool-size=3",
        "tiffin.cache.*.store=main",
        "tiffin.cache.*.allowed-classes=com.acme.*",
        "tiffin.cache.users.expiry=accessed:10m",
        "tiffin.cache.users.statistics=true");
    TiffinSettings settings = load(uri, null);
    assertEquals("shop", settings.app());
    assertEquals(Duration.ofMillis(250), settings.store("main").timeout());
    assertEquals(3, settings.store("main").poolSize());
    CacheSettings users = settings.cache("users");
    assertEquals("main", users.store(), "falls back to the template");
    assertEquals(new ExpirySetting(ExpirySetting.Kind.ACCESSED, Duration.ofMinutes(10)), users.expiry().orElseThrow());
    assertTrue(users.statistics());
    assertEquals(List.of("com.acme.*"), settings.cache("created-later").allowedClasses());
  }

  @Test
  void laterSourcesOverrideEarlierOnes() throws IOException {
    URI uri = file("tiffin.app=from-file", "tiffin.store.main.uri=sqlite:/file.db", "tiffin.store.main.pool-size=2");
    Properties properties = new Properties();
    properties.setProperty("tiffin.app", "from-properties");
    properties.setProperty("tiffin.store.main.pool-size", "4");
    properties.setProperty("javax.cache.unrelated", "ignored");
    system.setProperty("tiffin.store.main.pool-size", "6");
    env.put("TIFFIN_APP", "from-env");
    TiffinSettings settings = load(uri, properties);
    assertEquals("from-env", settings.app());
    assertEquals(6, settings.store("main").poolSize());
  }

  @Test
  void nearTierSettingsComeFromTheTemplateACacheOrTheEnvironmentAndAreChecked() {
    system.setProperty("tiffin.cache.*.near.max-entries", "500");
    system.setProperty("tiffin.cache.users.near.max-age", "2m");
    env.put("TIFFIN_CACHE_ORDERS_NEAR_MAX_ENTRIES", "7");
    TiffinSettings settings = load(SettingsLoader.DEFAULT_URI, null);
    assertEquals(new NearSettings(500, NearSettings.DEFAULT_MAX_AGE), settings.cache("anything").near());
    assertEquals(new NearSettings(500, Duration.ofMinutes(2)), settings.cache("users").near());
    assertEquals(7, settings.cache("orders").near().maxEntries());
    assertFalse(CacheSettings.defaults().near().enabled());

    system.setProperty("tiffin.cache.users.near.max-entries", "-1");
    CacheException e = assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, null));
    assertEquals("Setting tiffin.cache.users.near.max-entries = '-1' is invalid: expected a whole number of at least 0"
        + " (0 turns it off)", e.getMessage());
    system.setProperty("tiffin.cache.users.near.max-entries", "10");
    system.setProperty("tiffin.cache.users.near.maximum", "10");
    assertTrue(assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, null)).getMessage()
        .startsWith("Unknown Tiffin setting(s) [tiffin.cache.users.near.maximum]"));
  }

  @Test
  void writeBehindIsOffUnlessACacheOrTheTemplateBoundsItsQueue() {
    assertFalse(load(SettingsLoader.DEFAULT_URI, null).cache("anything").writeBehind().enabled());
    system.setProperty("tiffin.cache.*.write-behind.max-pending", "300");
    system.setProperty("tiffin.cache.users.write-behind.max-pending", "0");
    env.put("TIFFIN_CACHE_ORDERS_WRITE_BEHIND_MAX_PENDING", "5000");
    TiffinSettings settings = load(SettingsLoader.DEFAULT_URI, null);
    assertEquals(new WriteBehindSettings(300), settings.cache("anything").writeBehind());
    assertFalse(settings.cache("users").writeBehind().enabled());
    assertEquals(new WriteBehindSettings(5000), settings.cache("orders").writeBehind());
    assertFalse(CacheSettings.defaults().writeBehind().enabled());

    system.setProperty("tiffin.cache.users.write-behind.max-pending", "lots");
    CacheException e = assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, null));
    assertTrue(e.getMessage().startsWith("Setting tiffin.cache.users.write-behind.max-pending = 'lots' is invalid"),
        e.getMessage());
  }

  @Test
  void failureAndChangeLogSettingsAreReadFromTheEnvironmentAndChecked() {
    env.put("TIFFIN_STORE_DEFAULT_FAILURES_AS_MISSES", "true");
    env.put("TIFFIN_STORE_DEFAULT_BREAKER_FAILURES", "5");
    env.put("TIFFIN_STORE_DEFAULT_BREAKER_OPEN_FOR", "2s");
    env.put("TIFFIN_STORE_DEFAULT_CHANGE_POLL_INTERVAL", "20ms");
    StoreSettings store = load(SettingsLoader.DEFAULT_URI, null).store("default");
    assertEquals(new FailureSettings(true, 5, Duration.ofSeconds(2)), store.failures());
    assertEquals(Duration.ofMillis(20), store.changePollInterval());
    env.clear();
    assertEquals(FailureSettings.off(), load(SettingsLoader.DEFAULT_URI, null).store("default").failures());

    assertRefused("tiffin.store.default.failures-as-misses", "maybe");
    assertRefused("tiffin.store.default.breaker.failures", "-1");
    assertRefused("tiffin.store.default.breaker.open-for", "0s");
    assertRefused("tiffin.store.default.change-poll-interval", "0ms");
  }

  @Test
  void listenersAcrossJvmsAreOffUnlessACacheOrTheTemplateTurnsThemOn() {
    system.setProperty("tiffin.cache.orders.listeners-across-jvms", "true");
    TiffinSettings settings = load(SettingsLoader.DEFAULT_URI, null);
    assertTrue(settings.cache("orders").listenersAcrossJvms());
    assertFalse(settings.cache("users").listenersAcrossJvms());
    assertRefused("tiffin.cache.users.listeners-across-jvms", "sometimes");
  }

  @Test
  void environmentVariablesCanDefineAStore() {
    env.put("TIFFIN_STORE_SIDE_URI", "sqlite:/side.db");
    env.put("TIFFIN_STORE_SIDE_POOL_SIZE", "5");
    env.put("TIFFIN_CACHE_ORDERS_STORE", "side");
    TiffinSettings settings = load(SettingsLoader.DEFAULT_URI, null);
    assertEquals(URI.create("sqlite:/side.db"), settings.store("side").uri());
    assertEquals(5, settings.store("side").poolSize());
    assertEquals("side", settings.cache("orders").store());
  }

  @Test
  void placeholdersResolveFromEnvironmentWithDefaults() throws IOException {
    env.put("CACHE_DIR", "/var/cache");
    URI uri = file("tiffin.store.default.uri=sqlite:${CACHE_DIR}/app.db", "tiffin.app=${APP_NAME:fallback}");
    TiffinSettings settings = load(uri, null);
    assertEquals(URI.create("sqlite:/var/cache/app.db"), settings.store("default").uri());
    assertEquals("fallback", settings.app());
  }

  @Test
  void missingPlaceholderNamesSettingAndVariable() throws IOException {
    URI uri = file("tiffin.store.default.uri=sqlite:${NOT_SET_ANYWHERE}/x.db");
    CacheException error = assertThrows(CacheException.class, () -> load(uri, null));
    assertTrue(error.getMessage().contains("tiffin.store.default.uri"), error.getMessage());
    assertTrue(error.getMessage().contains("NOT_SET_ANYWHERE"), error.getMessage());
  }

  @Test
  void badValuesNameTheSettingAndWhatWasExpected() throws IOException {
    assertMessage(file("tiffin.store.default.timeout=soon"), "tiffin.store.default.timeout", "duration");
    assertMessage(file("tiffin.store.default.pool-size=many"), "tiffin.store.default.pool-size", "whole number");
    assertMessage(file("tiffin.cache.x.expiry=sometimes"), "tiffin.cache.x.expiry", "created:10m");
    assertMessage(file("tiffin.cache.x.statistics=maybe"), "tiffin.cache.x.statistics", "true or false");
    assertMessage(file("tiffin.store.default.pool-size=0"), "tiffin.store.default.pool-size", "at least 1");
    assertMessage(file("tiffin.store.default.uri=mysql://db/x"), "tiffin.store.default.uri", "sqlite", "redis-cluster");
    assertMessage(file("tiffin.cache.x.store=nowhere"), "nowhere", "tiffin.store.nowhere.uri");
    assertMessage(file("tiffin.cache.x.expirey=created:1m"), "tiffin.cache.x.expirey", "Known");
  }

  @Test
  void badManagerUrisAreNamed() {
    assertMessage(URI.create("mysql://db/cache"), "mysql://db/cache", "sqlite:");
    assertMessage(URI.create("classpath:missing.properties"), "missing.properties", "class path");
  }

  @Test
  void aPlainNameIsTheApplicationPrefix() {
    assertEquals("orders", load(URI.create("orders"), null).app());
  }

  @Test
  void sqliteUriSetsTheDefaultStore() {
    assertEquals(URI.create("sqlite:/data/x.db"), load(URI.create("sqlite:/data/x.db"), null).store("default").uri());
  }

  private void assertMessage(URI uri, String... fragments) {
    Exception error = assertThrows(RuntimeException.class, () -> load(uri, null));
    for (String fragment : fragments) {
      assertTrue(error.getMessage().contains(fragment), "'" + fragment + "' missing from: " + error.getMessage());
    }
  }

  // ---- defects a hostile tester found (issue 13): each of these passed on the earlier code

  @Test
  void aPasswordInsideAStoreUriIsRefusedWhateverItContainsAndNeverEchoed() {
    for (String password : List.of("plain", "abc/def", "abc?def", "abc#def", "p@ss/w:rd")) {
      Properties properties = new Properties();
      properties.setProperty("tiffin.store.default.uri", "redis://user:" + password + "@127.0.0.1:6379");
      CacheException error = assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, properties),
          password);
      assertTrue(error.getMessage().contains("tiffin.store.default.password"), error.getMessage());
      assertTrue(!error.getMessage().contains(password), error.getMessage());
    }
    CacheException asManagerUri = assertThrows(CacheException.class,
        () -> load(URI.create("redis://user:abc/def@127.0.0.1:6379"), null));
    assertTrue(!asManagerUri.getMessage().contains("abc/def"), asManagerUri.getMessage());
  }

  @Test
  void settingsThatMeanNoLimitAreRefusedNamingTheSetting() {
    Map<String, String> bad = Map.of(
        "tiffin.store.default.timeout", "0s",
        "tiffin.store.default.sweep-interval", "0s");
    bad.forEach((key, value) -> assertRefused(key, value));
    assertRefused("tiffin.store.default.timeout", "PT-1S");
    assertRefused("tiffin.store.default.sweep-interval", "500ms");
    assertRefused("tiffin.store.default.pool-size", "0");
    assertRefused("tiffin.store.default.pool-size", "-1");
  }

  private void assertRefused(String key, String value) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    CacheException error = assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, properties),
        key + "=" + value);
    assertTrue(error.getMessage().contains(key), error.getMessage());
  }

  @Test
  void aDollarBraceInASecretIsWrittenDoubledAndAnUnresolvedOneIsNeverEchoed() {
    Properties properties = new Properties();
    properties.setProperty("tiffin.store.default.uri", "redis://127.0.0.1:6379");
    properties.setProperty("tiffin.store.default.password", "pa$${word}x");
    assertEquals("pa${word}x", load(SettingsLoader.DEFAULT_URI, properties).store("default").password().get().reveal());

    properties.setProperty("tiffin.store.default.password", "pa${hunter2}x");
    CacheException error = assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, properties));
    assertTrue(error.getMessage().contains("tiffin.store.default.password"), error.getMessage());
    assertTrue(!error.getMessage().contains("hunter2"), error.getMessage());
  }

  @Test
  void aSigningKeyIsASecretOfSomeLength() {
    Properties properties = new Properties();
    properties.setProperty("tiffin.store.default.signing-key", "short-secret");
    CacheException error = assertThrows(CacheException.class, () -> load(SettingsLoader.DEFAULT_URI, properties));
    assertTrue(error.getMessage().contains("tiffin.store.default.signing-key"), error.getMessage());
    assertTrue(!error.getMessage().contains("short-secret"), error.getMessage());
    properties.setProperty("tiffin.store.default.signing-key", "long-enough-secret-value");
    assertEquals("****", load(SettingsLoader.DEFAULT_URI, properties).store("default").signingKey().get().toString());
  }
}
