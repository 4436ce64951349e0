package dev.tiffin.provider.config;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.CacheException;

/** Expands {@code ${VAR}} and {@code ${VAR:default}} from the environment, then system properties. */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

  private Placeholders() {
  }

  static String resolve(String key, String value, Map<String, String> env, Properties system) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = env.get(name);
      if (replacement == null) {
        replacement = system.getProperty(name);
      }
      if (replacement == null) {
        replacement = matcher.group(2);
      }
      if (replacement == null) {
        throw new CacheException("Setting " + key + " refers to ${" + name
            + "}, but no environment variable or system property " + name + " is set (write ${" + name
            + ":default} to give a default)");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
