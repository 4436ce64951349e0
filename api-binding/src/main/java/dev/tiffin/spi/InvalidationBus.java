package dev.tiffin.spi;

import java.util.List;

/**
 * Tells the other users of a store — caches in other JVMs, or other caches of the same name in this
 * one — which keys changed, so that near (in-process) tiers drop their copies. Delivery may lose a
 * message; an implementation must then make every member that may have missed it flush, and must
 * report a member offline (so its near tier serves nothing) whenever it cannot promise to deliver.
 */
public interface InvalidationBus {

  /** Joins {@code channel}; {@code listener} hears every other member's invalidations on it. */
  Membership join(String channel, Listener listener);

  /**
   * Joins {@code channel} only to tell: for a cache without a near tier, whose writes the near tiers
   * of its namesakes must hear all the same. The member hears nothing (whether it is online means
   * nothing); a bus may keep its key messages back while it knows that nobody listens.
   */
  default Membership announce(String channel) {
    return join(channel, Listener.DEAF);
  }

  /** One member of a channel. */
  interface Membership extends AutoCloseable {

    /** Tells the other members that these store keys changed. */
    void publish(List<byte[]> keys);

    /** Tells the other members that every key may have changed. */
    void publishFlush();

    /** Hands the other members these opaque records (entry events), in order; a bus may not carry them. */
    default void publishEvents(List<byte[]> records) {
      throw new UnsupportedOperationException("This invalidation bus carries no events");
    }

    /** Whether invalidations reach this member now; while not, its near tier must serve nothing. */
    boolean isOnline();

    /** Leaves the channel. */
    @Override
    void close();
  }

  /** What a member hears. */
  interface Listener {

    /** A listener that ignores everything: an announcing member's. */
    Listener DEAF = new Listener() {
      @Override
      public void invalidate(List<byte[]> keys) {
      }

      @Override
      public void invalidateAll() {
      }
    };

    /** These store keys changed. */
    void invalidate(List<byte[]> keys);

    /**
     * These store keys changed, and {@code current} holds what the store held for each once they had
     * ({@code null} where it is gone or was not read): a copy equal to it is still right to serve.
     */
    default void changedTo(List<byte[]> keys, List<StoredEntry> current) {
      invalidate(keys);
    }

    /** Any key may have changed: a message was lost, or the member was offline. */
    void invalidateAll();

    /** Records another member published with {@link Membership#publishEvents}. */
    default void events(List<byte[]> records) {
    }
  }
}
