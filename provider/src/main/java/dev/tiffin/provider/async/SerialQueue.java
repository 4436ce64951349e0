package dev.tiffin.provider.async;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks one after another, in the order submitted, on a shared executor: several queues share
 * its threads, yet a slow task holds up only the queue it is in.
 */
public final class SerialQueue {

  private static final System.Logger LOG = System.getLogger(SerialQueue.class.getName());

  private final Executor executor;
  private final String name;
  private final Deque<Runnable> tasks = new ArrayDeque<>();
  private boolean draining;

  /** A queue on {@code executor}; {@code name} says in logs whose tasks failed. */
  public SerialQueue(Executor executor, String name) {
    this.executor = executor;
    this.name = name;
  }

  /** Queues {@code task}; a task that throws is logged and the queue goes on. */
  public void submit(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The executor was shut down (the provider is closing): finish the work on this thread.
      drain();
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          draining = false;
          notifyAll();
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "A background task of " + name + " failed", e);
      }
    }
  }

  /** Waits up to {@code timeout} for the queued tasks to finish; returns whether they did. */
  public synchronized boolean awaitIdle(long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (draining) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
