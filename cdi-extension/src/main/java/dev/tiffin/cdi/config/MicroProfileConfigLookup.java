package dev.tiffin.cdi.config;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Reads a value from MicroProfile Config through reflection, so the extension has no compile or
 * run-time dependency on it; absent API or implementation reads as "not set".
 */
final class MicroProfileConfigLookup {

  private static final System.Logger LOG = System.getLogger(MicroProfileConfigLookup.class.getName());

  private MicroProfileConfigLookup() {
  }

  /** The configured value of {@code name}, or empty when MicroProfile Config is absent or does not define it. */
  static Optional<String> get(String name) {
    Handles handles = Handles.INSTANCE;
    if (handles == null) {
      return Optional.empty();
    }
    try {
      Object config = handles.getConfig.invoke();
      Optional<?> value = (Optional<?>) handles.getOptionalValue.invoke(config, name, String.class);
      return value.map(String.class::cast);
    } catch (Throwable e) {
      // API present but no implementation, or a broken config source: behave as if unset.
      LOG.log(System.Logger.Level.DEBUG, "MicroProfile Config lookup of " + name + " failed", e);
      return Optional.empty();
    }
  }

  /** Method handles resolved once, on first use; null when the API is not on the class path. */
  private record Handles(MethodHandle getConfig, MethodHandle getOptionalValue) {

    static final Handles INSTANCE = resolve();

    private static Handles resolve() {
      try {
        Class<?> provider = load("org.eclipse.microprofile.config.ConfigProvider");
        Class<?> config = Class.forName("org.eclipse.microprofile.config.Config", false, provider.getClassLoader());
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return new Handles(
            lookup.findStatic(provider, "getConfig", MethodType.methodType(config)),
            lookup.findVirtual(config, "getOptionalValue",
                MethodType.methodType(Optional.class, String.class, Class.class)));
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null) {
        try {
          return Class.forName(name, false, context);
        } catch (ClassNotFoundException e) {
          // fall back to the extension's own loader
        }
      }
      return Class.forName(name, false, MicroProfileConfigLookup.class.getClassLoader());
    }
  }
}
