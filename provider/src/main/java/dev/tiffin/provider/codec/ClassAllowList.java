package dev.tiffin.provider.codec;

import java.util.List;
import java.util.Set;

/**
 * Which classes Java deserialization accepts from a store that has no signing key: JDK value types
 * and exceptions, the cache's declared types, the configured patterns, and every class this JVM
 * has itself written into the cache.
 *
 * <p>Java serialization can run code of any class on the classpath, so an unsigned value may only
 * name classes somebody chose to trust. Arrays are judged by their component type, everywhere.
 */
final class ClassAllowList {

  private static final Set<String> JDK_PACKAGES = Set.of("java.lang", "java.math", "java.time", "java.util",
      "java.util.concurrent", "java.util.concurrent.atomic");
  private static final Set<Class<?>> JDK_INTERFACES = Set.of(java.io.Serializable.class,
      java.io.Externalizable.class);
  private static final Set<String> JDK_REFUSED = Set.of("java.lang.Class", "java.lang.ClassLoader",
      "java.lang.Thread", "java.lang.ProcessBuilder", "java.lang.Runtime");

  private final List<Class<?>> declaredTypes;
  private final List<String> patterns;
  private final Set<String> learned;

  /**
   * Creates a list trusting the declared key and value types, the configured patterns and the
   * {@code learned} class names (a live set, growing as the cache writes).
   */
  ClassAllowList(List<Class<?>> declaredTypes, List<String> patterns, Set<String> learned) {
    this.declaredTypes = declaredTypes.stream().filter(type -> type != Object.class).toList();
    this.patterns = List.copyOf(patterns);
    this.learned = learned;
  }

  /** Whether values of this class may be deserialized. */
  boolean allows(Class<?> type) {
    Class<?> component = componentOf(type);
    if (component.isPrimitive() || isJdkValueType(component) || learned.contains(component.getName())) {
      return true;
    }
    for (Class<?> declared : declaredTypes) {
      if (declared.isAssignableFrom(component)) {
        return true;
      }
    }
    return matchesPattern(component.getName());
  }

  /** Records a class this JVM serialized into the cache. */
  void learn(Class<?> type) {
    Class<?> component = componentOf(type);
    if (!component.isPrimitive()) {
      learned.add(component.getName());
    }
  }

  /** The name a user puts in {@code allowed-classes} to allow {@code type}: arrays by component type. */
  static String nameToAllow(Class<?> type) {
    return componentOf(type).getName();
  }

  private static Class<?> componentOf(Class<?> type) {
    Class<?> component = type;
    while (component.isArray()) {
      component = component.getComponentType();
    }
    return component;
  }

  private static boolean isJdkValueType(Class<?> type) {
    if (type.getClassLoader() != null || JDK_REFUSED.contains(type.getName())) {
      return false;
    }
    if (JDK_INTERFACES.contains(type)) {
      return true;
    }
    // JDK exceptions pass too: caching a method's exception is part of the JCache annotations.
    Package pkg = type.getPackage();
    return (pkg != null && JDK_PACKAGES.contains(pkg.getName())) || Throwable.class.isAssignableFrom(type);
  }

  private boolean matchesPattern(String className) {
    for (String pattern : patterns) {
      if (pattern.equals("*")
          || pattern.equals(className)
          || (pattern.endsWith(".*") && className.startsWith(pattern.substring(0, pattern.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
