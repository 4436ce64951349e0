package dev.tiffin.provider;

import dev.tiffin.provider.config.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/** Providers for tests: a clock the test drives and a database file in the test's folder. */
final class TestProviders {

  private TestProviders() {
  }

  static TiffinCachingProvider sqlite(Path folder, AtomicLong clock) {
    Properties system = new Properties();
    system.setProperty("tiffin.store.default.uri", "sqlite:" + folder.resolve("cache.db"));
    system.setProperty("user.home", folder.toString());
    return new TiffinCachingProvider(clock::get, new SettingsLoader(Map.of(), system));
  }

  /** A SQLite provider whose waits are spent on {@code ticker}. */
  static TiffinCachingProvider sqlite(Path folder, AtomicLong clock, dev.tiffin.provider.time.Ticker ticker) {
    Properties system = new Properties();
    system.setProperty("tiffin.store.default.uri", "sqlite:" + folder.resolve("cache.db"));
    system.setProperty("user.home", folder.toString());
    return new TiffinCachingProvider(clock::get, ticker, new SettingsLoader(Map.of(), system));
  }

  /** A wall-clock provider whose only settings are {@code settings}, with its home in {@code folder}. */
  static TiffinCachingProvider withSettings(Path folder, Map<String, String> settings) {
    Properties system = new Properties();
    system.setProperty("user.home", folder.toString());
    settings.forEach(system::setProperty);
    return new TiffinCachingProvider(System::currentTimeMillis, new SettingsLoader(Map.of(), system));
  }
}
