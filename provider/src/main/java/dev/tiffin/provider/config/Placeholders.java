package dev.tiffin.provider.config;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.CacheException;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:default}} from the environment, then system properties;
 * {@code $${} stands for a literal {@code ${}, which a secret may need.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$)?\\{([^}:]+)(?::([^}]*))?}");

  private Placeholders() {
  }

  static String resolve(String key, String value, Map<String, String> env, Properties system) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      if (matcher.group(1) != null) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group().substring(1)));
        continue;
      }
      String name = matcher.group(2);
      String replacement = env.get(name);
      if (replacement == null) {
        replacement = system.getProperty(name);
      }
      if (replacement == null) {
        replacement = matcher.group(3);
      }
      if (replacement == null) {
        throw unresolved(key, name);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static CacheException unresolved(String key, String name) {
    if (SettingNames.isSecret(key)) {
      // The "name" may be part of a literal secret: never echo it.
      return new CacheException("Setting " + key + " holds a ${...} placeholder that no environment variable or"
          + " system property resolves; if the secret really contains ${, write it as $${");
    }
    return new CacheException("Setting " + key + " refers to ${" + name
        + "}, but no environment variable or system property " + name + " is set (write ${" + name
        + ":default} to give a default, or $${ for a literal ${)");
  }
}
