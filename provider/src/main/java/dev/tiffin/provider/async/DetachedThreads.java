package dev.tiffin.provider.async;

/** Threads Tiffin starts for its own background work. */
public final class DetachedThreads {

  private DetachedThreads() {
  }

  /**
   * A daemon thread running {@code task} that keeps nothing of the caller that happens to start it: no
   * inheritable thread-locals, and Tiffin's class loader as its context, so it never pins an application's.
   */
  public static Thread create(String name, Runnable task) {
    Thread thread = new Thread(null, task, name, 0, false);
    thread.setContextClassLoader(DetachedThreads.class.getClassLoader());
    thread.setDaemon(true);
    return thread;
  }
}
