package dev.tiffin.provider.async;

/** Closes what may be {@link AutoCloseable} (user-supplied customizations, as the specification asks), logging a failure. */
public final class Closeables {

  private static final System.Logger LOG = System.getLogger(Closeables.class.getName());

  private Closeables() {
  }

  /** Closes {@code resource} if it can be closed; a failure is logged, never thrown. */
  public static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Closing " + resource.getClass().getName() + " failed", e);
      }
    }
  }
}
