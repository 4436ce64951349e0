package dev.tiffin.cdi.annotation;

import java.util.List;

/**
 * The include/exclude rule shared by {@code cachedExceptions}/{@code nonCachedExceptions},
 * {@code cacheFor}/{@code noCacheFor} and {@code evictFor}/{@code noEvictFor}.
 *
 * <p>Only the answer for "both lists empty" differs between the annotations: exceptions are cached
 * by {@code @CacheResult}, but prevent the put or removal of the other three.
 */
record ExceptionFilter(List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude,
    boolean whenBothEmpty) {

  static ExceptionFilter of(Class<? extends Throwable>[] include, Class<? extends Throwable>[] exclude,
      boolean whenBothEmpty) {
    return new ExceptionFilter(List.of(include), List.of(exclude), whenBothEmpty);
  }

  /** True when the thrown exception should trigger the cache operation. */
  boolean test(Throwable thrown) {
    if (include.isEmpty() && exclude.isEmpty()) {
      return whenBothEmpty;
    }
    boolean included = include.isEmpty() || matches(include, thrown);
    return included && !matches(exclude, thrown);
  }

  private static boolean matches(List<Class<? extends Throwable>> types, Throwable thrown) {
    for (Class<? extends Throwable> type : types) {
      if (type.isInstance(thrown)) {
        return true;
      }
    }
    return false;
  }
}
