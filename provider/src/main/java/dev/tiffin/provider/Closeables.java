package dev.tiffin.provider;

import java.io.Closeable;

/** Closes user-supplied customizations that happen to be {@link Closeable}, as the specification asks. */
final class Closeables {

  private static final System.Logger LOG = System.getLogger(Closeables.class.getName());

  private Closeables() {
  }

  static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Closing " + resource.getClass().getName() + " failed", e);
      }
    }
  }
}
