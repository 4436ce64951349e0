package dev.tiffin.provider;

import dev.tiffin.config.CacheSettings;
import dev.tiffin.config.ExpirySetting;
import dev.tiffin.provider.catalog.CatalogRecord;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/** The JCache configuration of caches that no {@code createCache} call described: declared in settings, or recorded in a store. */
final class CacheConfigurations {

  private CacheConfigurations() {
  }

  /** A cache declared with {@code tiffin.cache.<name>.*} settings. */
  static MutableConfiguration<Object, Object> declared(CacheSettings cacheSettings) {
    return new MutableConfiguration<>()
        .setExpiryPolicyFactory(expiryFactory(cacheSettings.expiry().orElse(ExpirySetting.eternal())))
        .setStatisticsEnabled(cacheSettings.statistics())
        .setManagementEnabled(cacheSettings.management());
  }

  /** A cache another JVM or an earlier run created, as its store's catalog recorded it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static MutableConfiguration<Object, Object> recorded(CatalogRecord record, ClassLoader classLoader) {
    MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>()
        .setStatisticsEnabled(record.statistics())
        .setManagementEnabled(record.management());
    record.expiry().ifPresent(expiry -> configuration.setExpiryPolicyFactory(expiryFactory(expiry)));
    return (MutableConfiguration) configuration.setTypes(
        (Class) typeNamed(record.keyType(), classLoader), (Class) typeNamed(record.valueType(), classLoader));
  }

  /** A recorded type, loaded without initializing it; {@code Object} when this class loader lacks it. */
  private static Class<?> typeNamed(String name, ClassLoader classLoader) {
    try {
      return Class.forName(name, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      return Object.class;
    }
  }

  /** The standard policy a setting names. */
  static Factory<ExpiryPolicy> expiryFactory(ExpirySetting expiry) {
    if (expiry.kind() == ExpirySetting.Kind.ETERNAL) {
      return EternalExpiryPolicy.factoryOf();
    }
    Duration duration = new Duration(java.util.concurrent.TimeUnit.MILLISECONDS, expiry.duration().toMillis());
    return switch (expiry.kind()) {
      case CREATED -> CreatedExpiryPolicy.factoryOf(duration);
      case ACCESSED -> AccessedExpiryPolicy.factoryOf(duration);
      case MODIFIED -> ModifiedExpiryPolicy.factoryOf(duration);
      default -> TouchedExpiryPolicy.factoryOf(duration);
    };
  }
}
