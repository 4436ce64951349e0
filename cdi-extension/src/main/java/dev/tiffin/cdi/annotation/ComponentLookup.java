package dev.tiffin.cdi.annotation;

/**
 * Supplies the {@code CacheResolverFactory} and {@code CacheKeyGenerator} classes named in the
 * annotations; a container supplies its managed bean when there is one.
 */
@FunctionalInterface
public interface ComponentLookup {

  /** Returns an instance of {@code type}; called once per type and annotated method at most. */
  <T> T instance(Class<T> type);

  /** Instantiates {@code type} through its no-argument constructor. */
  static <T> T construct(Class<T> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.trySetAccessible();
      return constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CacheAnnotationException("Cannot create " + type.getName()
          + ": make it a CDI bean or give it a no-argument constructor (" + e + ")");
    }
  }
}
