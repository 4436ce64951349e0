package dev.tiffin.provider;

import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.processor.EntryOperation;
import dev.tiffin.provider.processor.EntryState;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import dev.tiffin.spi.ValueCodec;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.event.EventType;

/**
 * Runs single-key operations against the store: read the entry, let the operation decide, then
 * commit the decision with one compare-and-set, retrying from a fresh read on conflict.
 *
 * <p>This is what keeps every conditional operation atomic across JVMs without locks: a decision
 * only lands if the entry still holds the bytes it was made on.
 */
final class EntryEngine<K, V> {

  private final Cache<K, V> cache;
  private final ByteStore store;
  private final KeyCodec keys;
  private final ValueCodec values;
  private final ExpiryCalculator expiry;
  private final WriterSupport<K, V> writer;
  private final LongSupplier clock;

  EntryEngine(Cache<K, V> cache, ByteStore store, KeyCodec keys, ValueCodec values,
      ExpiryCalculator expiry, WriterSupport<K, V> writer, LongSupplier clock) {
    this.cache = cache;
    this.store = store;
    this.keys = keys;
    this.values = values;
    this.expiry = expiry;
    this.writer = writer;
    this.clock = clock;
  }

  /** Reads the state of {@code key} without changing anything. */
  EntryState<K, V> read(K key, LoaderSupport<K, V> readThrough) {
    byte[] storeKey = keys.encode(key);
    return state(key, storeKey, store.get(storeKey), readThrough);
  }

  /** Wraps an entry read from {@code storeKey}, in bulk or alone. */
  EntryState<K, V> state(K key, byte[] storeKey, StoredEntry stored, LoaderSupport<K, V> readThrough) {
    return new EntryState<>(key, stored, clock.getAsLong(), bytes -> decode(storeKey, bytes), readThrough);
  }

  /**
   * Lets {@code decide} choose what to do with the entry, then commits it; returns the decision's
   * result with the state it was made on.
   */
  <R> Applied<K, V, R> apply(K key, EventBatch<K, V> events, boolean writeThrough, LoaderSupport<K, V> readThrough,
      Function<EntryState<K, V>, R> decide) {
    byte[] storeKey = keys.encode(key);
    while (true) {
      EntryState<K, V> state = state(key, storeKey, store.get(storeKey), readThrough);
      R result = decide.apply(state);
      if (commit(storeKey, state, events, writeThrough)) {
        return new Applied<>(state, result);
      }
    }
  }

  /** A committed decision: the state it was made on and what the operation returns. */
  record Applied<K, V, R>(EntryState<K, V> state, R result) {
  }

  /** Commits a decision made on a state read in bulk; returns false on conflict. */
  boolean commit(EntryState<K, V> state, EventBatch<K, V> events, boolean writeThrough) {
    return commit(keys.encode(state.getKey()), state, events, writeThrough);
  }

  private boolean commit(byte[] storeKey, EntryState<K, V> state, EventBatch<K, V> events, boolean writeThrough) {
    StoredEntry stored = state.stored();
    byte[] expected = stored == null ? null : stored.value();
    long now = state.now();
    K key = state.getKey();
    switch (state.operation()) {
      case NONE -> {
        if (state.isExpired()) {
          store.compareAndSet(storeKey, expected, null, 0);
          expiredEvent(state, events);
        }
        return true;
      }
      case ACCESS -> {
        long expiresAt = state.fixedExpiry() >= 0 ? state.fixedExpiry() : expiry.forAccess(now);
        if (expiresAt != ExpiryCalculator.UNCHANGED) {
          store.touch(storeKey, expected, expiresAt);
        }
        return true;
      }
      case CREATE, LOAD -> {
        V value = state.newValue();
        if (writeThrough && state.operation() == EntryOperation.CREATE) {
          writer.write(new SimpleEntry<>(key, value));
        }
        long expiresAt = state.fixedExpiry() >= 0 ? state.fixedExpiry() : expiry.forCreation(now);
        if (expiresAt <= now) {
          // Created already expired: the spec's answer is an entry that is never stored.
          if (stored != null) {
            store.compareAndSet(storeKey, expected, null, 0);
          }
          expiredEvent(state, events);
          state.discard();
          return true;
        }
        if (!store.compareAndSet(storeKey, expected, values.encode(storeKey, value), expiresAt)) {
          return false;
        }
        expiredEvent(state, events);
        events.add(cache, EventType.CREATED, key, value, null);
        return true;
      }
      case UPDATE -> {
        V value = state.newValue();
        if (writeThrough) {
          writer.write(new SimpleEntry<>(key, value));
        }
        // UNCHANGED is the store's KEEP_EXPIRY: the store keeps the entry's current expiry.
        long expiresAt = state.fixedExpiry() >= 0 ? state.fixedExpiry() : expiry.forUpdate(now);
        if (!store.compareAndSet(storeKey, expected, values.encode(storeKey, value), expiresAt)) {
          return false;
        }
        events.add(cache, EventType.UPDATED, key, value, state.current());
        return true;
      }
      case REMOVE -> {
        if (writeThrough) {
          writer.delete(key);
        }
        if (stored == null) {
          return true;
        }
        if (!store.compareAndSet(storeKey, expected, null, 0)) {
          return false;
        }
        if (state.wasLive()) {
          events.add(cache, EventType.REMOVED, key, state.current(), state.current());
        } else {
          expiredEvent(state, events);
        }
        return true;
      }
      default -> throw new IllegalStateException("unknown operation " + state.operation());
    }
  }

  private void expiredEvent(EntryState<K, V> state, EventBatch<K, V> events) {
    if (state.isExpired() && events.isRecording()) {
      V old = state.current();
      if (old != null) {
        events.add(cache, EventType.EXPIRED, state.getKey(), old, old);
      }
    }
  }

  /** Decodes a value read from {@code storeKey}, reading an unreadable one as absent. */
  V decodeOrAbsent(byte[] storeKey, byte[] bytes) {
    return EntryState.decodeOrAbsent(bytes, stored -> decode(storeKey, stored));
  }

  @SuppressWarnings("unchecked")
  private V decode(byte[] storeKey, byte[] bytes) {
    return (V) values.decode(storeKey, bytes);
  }
}
