package dev.tiffin.provider.lock;

import java.util.Collection;
import java.util.function.Function;

/** Serializes the operations on a key that must not interleave; chosen once per cache. */
public interface KeyLocks {

  /** For a cache whose operations need no lock beyond the store's compare-and-set. */
  KeyLocks NONE = new KeyLocks() {
    @Override
    public Held lock(Object key, byte[] storeKey) {
      return Held.NOTHING;
    }

    @Override
    public <T> Held lockAll(Collection<T> keys, Function<? super T, byte[]> storeKey) {
      return Held.NOTHING;
    }
  };

  /** Locks one key until the returned hold is closed. */
  Held lock(Object key, byte[] storeKey);

  /**
   * Locks several keys, whose store keys {@code storeKey} gives, in an order every caller shares,
   * until the returned hold is closed.
   */
  <T> Held lockAll(Collection<T> keys, Function<? super T, byte[]> storeKey);

  /** Locks held; closing releases them. */
  interface Held extends AutoCloseable {

    /** Nothing held. */
    Held NOTHING = () -> { };

    @Override
    void close();
  }
}
