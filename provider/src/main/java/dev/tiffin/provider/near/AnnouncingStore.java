package dev.tiffin.provider.near;

import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.StoredEntry;
import java.util.List;

/**
 * Tells the store's other users, through a bus membership, which keys each write changed, so that
 * near tiers elsewhere drop their copies: under every near tier, and under a cache without one, whose
 * writes its namesakes' near tiers must hear too. A write that fails is told of all the same: it may
 * have been applied.
 */
public final class AnnouncingStore extends ForwardingStore {

  private final InvalidationBus.Membership membership;

  /** Announces the writes to {@code store} through {@code membership}, which closing this layer leaves. */
  public AnnouncingStore(ByteStore store, InvalidationBus.Membership membership) {
    super(store);
    this.membership = membership;
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    try {
      store().put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
    } finally {
      announce(key);
    }
  }

  /** A compare-and-set that lost changed nothing: nobody needs telling. */
  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    boolean swapped;
    try {
      swapped = store().compareAndSet(key, expected, value, expiresAt);
    } catch (RuntimeException e) {
      announce(key);
      throw e;
    }
    if (swapped) {
      announce(key);
    }
    return swapped;
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    try {
      return store().getAndTouch(key, expiresAt, now);
    } finally {
      announce(key);
    }
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    try {
      return store().increment(key, delta, expiresAtIfCreated);
    } finally {
      announce(key);
    }
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    try {
      return store().touch(key, expected, expiresAt);
    } finally {
      announce(key);
    }
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    try {
      store().putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
    } finally {
      announce(keys);
    }
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    try {
      return store().removeAll(keys);
    } finally {
      announce(keys);
    }
  }

  @Override
  public long clear(byte[] prefix) {
    try {
      return store().clear(prefix);
    } finally {
      membership.publishFlush();
    }
  }

  private void announce(byte[] key) {
    membership.publish(List.of(key));
  }

  private void announce(List<byte[]> keys) {
    if (!keys.isEmpty()) {
      membership.publish(keys);
    }
  }

  /** Leaves the bus; the store itself is the registry's to close. */
  @Override
  public void close() {
    membership.close();
  }
}
