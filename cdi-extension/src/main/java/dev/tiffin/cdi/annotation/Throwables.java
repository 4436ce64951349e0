package dev.tiffin.cdi.annotation;

/** Rethrows a {@link Throwable} unchanged, whatever its kind. */
final class Throwables {

  private Throwables() {
  }

  /**
   * Throws {@code t} as is; declared to return an exception so callers can write {@code throw rethrow(t)}.
   *
   * <p>Cached and shared exceptions must reach callers as the very instance the method threw,
   * including checked exceptions the interceptor signature does not declare.
   */
  static Exception rethrow(Throwable t) {
    throw Throwables.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
