package dev.tiffin.spring.boot;

import java.util.Locale;
import java.util.Properties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Tiffin's {@code tiffin.*} settings as Spring Boot resolved them: {@code application.properties} and
 * YAML, profiles, placeholders. System properties and environment variables are left out, because
 * Tiffin reads those itself, with the same precedence Boot gives them.
 */
public final class TiffinEnvironmentSettings {

  private static final String PREFIX = "tiffin.";

  private TiffinEnvironmentSettings() {
  }

  /** Adds every {@code tiffin.*} setting of {@code environment} to {@code properties}. */
  public static void copy(ConfigurableEnvironment environment, Properties properties) {
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable) || readByTiffinItself(source.getName())) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        String key = canonical(name);
        if (key.startsWith(PREFIX) && !properties.containsKey(key)) {
          String value = environment.getProperty(name);
          if (value != null) {
            // Boot has resolved the placeholders already: a "${" left in the value is literal.
            properties.setProperty(key, value.replace("${", "$${"));
          }
        }
      }
    }
  }

  private static boolean readByTiffinItself(String sourceName) {
    return sourceName.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
        || sourceName.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
        || sourceName.equals("configurationProperties");
  }

  /**
   * Boot's relaxed names in Tiffin's form: {@code tiffin.store.default.poolSize} and
   * {@code tiffin.store.default.pool_size} are {@code tiffin.store.default.pool-size}. Store and
   * cache names keep their case.
   */
  static String canonical(String name) {
    int last = name.lastIndexOf('.');
    if (last < 0) {
      return name;
    }
    String setting = name.substring(last + 1);
    StringBuilder kebab = new StringBuilder();
    for (int i = 0; i < setting.length(); i++) {
      char c = setting.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          kebab.append('-');
        }
        kebab.append(Character.toLowerCase(c));
      } else {
        kebab.append(c == '_' ? '-' : c);
      }
    }
    return name.substring(0, last + 1).toLowerCase(Locale.ROOT).startsWith(PREFIX)
        ? name.substring(0, last + 1) + kebab : name;
  }
}
