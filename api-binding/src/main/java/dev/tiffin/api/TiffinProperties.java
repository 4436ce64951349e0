package dev.tiffin.api;

/**
 * Keys of objects (not settings) an application may put into the {@code Properties} it passes to
 * {@code CachingProvider.getCacheManager(uri, classLoader, properties)}.
 */
public final class TiffinProperties {

  /**
   * A {@link java.util.concurrent.Executor} the manager's caches run asynchronous listeners and
   * {@code loadAll} on, in place of the provider's shared default (daemon threads started on demand
   * and ended when idle or when the provider closes). The application keeps ownership: Tiffin never
   * shuts it down.
   */
  public static final String EXECUTOR = "tiffin.executor";

  private TiffinProperties() {
  }
}
