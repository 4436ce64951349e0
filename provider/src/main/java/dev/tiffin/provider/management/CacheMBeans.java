package dev.tiffin.provider.management;

import javax.cache.configuration.MutableConfiguration;

/**
 * A cache's two MXBeans, registered and unregistered as statistics and management are switched on
 * and off; the configuration records the switch, as {@code getConfiguration} must report it.
 */
public final class CacheMBeans {

  private final String managerUri;
  private final String cacheName;
  private final MutableConfiguration<?, ?> configuration;
  private final CacheStatistics statistics;
  private final CacheConfigurationBean configurationBean;

  /** The MXBeans of {@code cacheName} in the manager at {@code managerUri}; nothing is registered yet. */
  public CacheMBeans(String managerUri, String cacheName, MutableConfiguration<?, ?> configuration,
      CacheStatistics statistics) {
    this.managerUri = managerUri;
    this.cacheName = cacheName;
    this.configuration = configuration;
    this.statistics = statistics;
    this.configurationBean = new CacheConfigurationBean(() -> configuration);
  }

  /** Registers what the configuration asks for; called once the cache is fully built. */
  public void start() {
    setStatisticsEnabled(configuration.isStatisticsEnabled());
    setManagementEnabled(configuration.isManagementEnabled());
  }

  /** Turns statistics on or off, registering or unregistering the statistics MXBean. */
  public void setStatisticsEnabled(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
    if (enabled) {
      MBeanRegistrar.register(statistics, MBeanRegistrar.Kind.CacheStatistics, managerUri, cacheName);
    } else {
      MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheStatistics, managerUri, cacheName);
    }
  }

  /** Turns management on or off, registering or unregistering the configuration MXBean. */
  public void setManagementEnabled(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    if (enabled) {
      MBeanRegistrar.register(configurationBean, MBeanRegistrar.Kind.CacheConfiguration, managerUri, cacheName);
    } else {
      MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheConfiguration, managerUri, cacheName);
    }
  }

  /** Unregisters both MXBeans, leaving the configuration as it was. */
  public void stop() {
    MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheConfiguration, managerUri, cacheName);
    MBeanRegistrar.unregister(MBeanRegistrar.Kind.CacheStatistics, managerUri, cacheName);
  }
}
