package dev.tiffin.provider.codec;

import java.io.ObjectInputFilter;
import java.util.List;
import java.util.Set;

/**
 * The deserialization allow-list: JDK value types and exceptions, the cache's declared types, and
 * whatever the configuration names.
 *
 * <p>Java serialization can run code of any class on the classpath, so a stored value may only
 * name classes somebody chose to trust.
 */
public final class ClassAllowList implements ObjectInputFilter {

  private static final Set<String> JDK_PACKAGES = Set.of("java.lang", "java.math", "java.time", "java.util");
  private static final Set<String> JDK_REFUSED = Set.of("java.lang.Class", "java.lang.ClassLoader",
      "java.lang.Thread", "java.lang.ProcessBuilder", "java.lang.Runtime");

  private final List<Class<?>> declaredTypes;
  private final List<String> patterns;

  /** Creates a list trusting the declared key and value types and the configured patterns. */
  public ClassAllowList(List<Class<?>> declaredTypes, List<String> patterns) {
    this.declaredTypes = declaredTypes.stream().filter(type -> type != Object.class).toList();
    this.patterns = List.copyOf(patterns);
  }

  /** Whether values of this class may be deserialized. */
  public boolean allows(Class<?> type) {
    Class<?> component = type;
    while (component.isArray()) {
      component = component.getComponentType();
    }
    if (component.isPrimitive() || isJdkValueType(component)) {
      return true;
    }
    for (Class<?> declared : declaredTypes) {
      if (declared.isAssignableFrom(component)) {
        return true;
      }
    }
    return matchesPattern(component.getName());
  }

  @Override
  public Status checkInput(FilterInfo info) {
    Class<?> type = info.serialClass();
    if (type == null) {
      return Status.UNDECIDED;
    }
    return allows(type) ? Status.ALLOWED : Status.REJECTED;
  }

  private static boolean isJdkValueType(Class<?> type) {
    String name = type.getName();
    if (JDK_REFUSED.contains(name)) {
      return false;
    }
    if (type.getClassLoader() != null) {
      return false;
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
