package dev.tiffin.spring.boot.boot3;

import dev.tiffin.spring.boot.BootCacheConfiguration;
import dev.tiffin.spring.boot.TiffinEnvironmentSettings;
import javax.cache.configuration.Configuration;
import org.springframework.boot.autoconfigure.cache.JCachePropertiesCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spring Boot 3: hands Boot's {@code tiffin.*} settings to the Tiffin cache manager Boot creates, and
 * gives the caches Boot creates their configuration. Runs before Boot's cache auto-configuration,
 * which asks for both.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.autoconfigure.cache.JCachePropertiesCustomizer")
public class TiffinCacheAutoConfiguration {

  /** Boot's {@code tiffin.*} settings, added to the properties of the JCache manager. */
  @Bean
  JCachePropertiesCustomizer tiffinSettingsFromBoot(ConfigurableEnvironment environment) {
    return properties -> TiffinEnvironmentSettings.copy(environment, properties);
  }

  /** The configuration of the caches named in {@code spring.cache.cache-names}. */
  @Bean
  @ConditionalOnMissingBean(Configuration.class)
  Configuration<Object, Object> tiffinBootCacheConfiguration(ConfigurableEnvironment environment) {
    return BootCacheConfiguration.from(environment);
  }
}
