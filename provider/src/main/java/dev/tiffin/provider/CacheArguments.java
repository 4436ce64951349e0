package dev.tiffin.provider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;

/** The argument checks (and the configuration copy) the specification asks of every cache. */
final class CacheArguments {

  private CacheArguments() {
  }

  /** Throws {@link ClassCastException} when the key or value is not of the configured type. */
  static void requireTypes(Object key, Object value, CompleteConfiguration<?, ?> configuration) {
    requireType("Key", key, configuration.getKeyType());
    requireType("Value", value, configuration.getValueType());
  }

  private static void requireType(String what, Object object, Class<?> type) {
    if (type != Object.class && !type.isInstance(object)) {
      throw new ClassCastException(what + " of " + object.getClass().getName() + " is not a " + type.getName()
          + " as the cache's configuration requires");
    }
  }

  /** A copy of {@code configuration} as {@code clazz}, which must be {@link MutableConfiguration} or one of its interfaces. */
  static <K, V, C extends Configuration<K, V>> C copyAs(Class<C> clazz, CompleteConfiguration<K, V> configuration) {
    MutableConfiguration<K, V> copy = new MutableConfiguration<>(configuration);
    if (clazz.isInstance(copy)) {
      return clazz.cast(copy);
    }
    throw new IllegalArgumentException("Configuration class " + clazz.getName()
        + " is not supported; ask for " + MutableConfiguration.class.getName() + " or one of its interfaces");
  }

  /** The keys as a list, after checking that neither the collection nor any key is null. */
  static <K> List<K> requireKeys(Collection<? extends K> keySet) {
    Objects.requireNonNull(keySet, "keys");
    List<K> list = new ArrayList<>(keySet.size());
    for (K key : keySet) {
      list.add(Objects.requireNonNull(key, "keys must not contain null"));
    }
    return list;
  }
}
