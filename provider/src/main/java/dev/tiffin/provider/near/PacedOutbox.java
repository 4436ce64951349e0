package dev.tiffin.provider.near;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * What writers hand one sending thread, which collects it on a steady beat while writes keep coming
 * and sleeps once they stop: a write wakes the sender only when it sleeps. Waking another thread is a
 * system call and, on a small machine, a core taken from the writer's own server round trip; under a
 * steady stream of writes none of them pays it.
 */
public final class PacedOutbox<T> {

  private final Queue<T> queued = new ConcurrentLinkedQueue<>();
  private final long beatNanos;
  private final int quietBeats;
  private volatile Thread sleeping;
  private int quietSoFar;

  /** An outbox collected every {@code beatNanos}, whose sender sleeps after {@code quietBeats} empty beats. */
  public PacedOutbox(long beatNanos, int quietBeats) {
    this.beatNanos = beatNanos;
    this.quietBeats = quietBeats;
  }

  /** Queues {@code item}, waking the sender only if it sleeps. */
  public void add(T item) {
    queued.add(item);
    Thread sender = sleeping;
    if (sender != null) {
      LockSupport.unpark(sender);
    }
  }

  /**
   * For the sender: what was queued, collected after one beat (the writes close behind the first
   * travel together); or an empty list when nothing came within {@code idleNanos} of sleeping.
   */
  public List<T> next(long idleNanos) {
    if (queued.isEmpty() && quietSoFar >= quietBeats) {
      sleeping = Thread.currentThread();
      // Checked after announcing the sleep: a write queued before it is seen here, one after wakes us.
      if (queued.isEmpty()) {
        LockSupport.parkNanos(this, idleNanos);
      }
      sleeping = null;
      if (queued.isEmpty()) {
        return List.of();
      }
    }
    LockSupport.parkNanos(this, beatNanos);
    List<T> batch = new ArrayList<>();
    for (T item = queued.poll(); item != null; item = queued.poll()) {
      batch.add(item);
    }
    quietSoFar = batch.isEmpty() ? quietSoFar + 1 : 0;
    return batch;
  }
}
