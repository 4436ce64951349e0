package dev.tiffin.provider.store;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.List;
import java.util.Map;

/**
 * A layer over a store that passes every call on; a layer overrides what it changes. Closing passes
 * nothing on: the store under it is shared, and the registry's to close.
 */
public abstract class ForwardingStore implements ByteStore {

  private final ByteStore store;

  protected ForwardingStore(ByteStore store) {
    this.store = store;
  }

  /** The store under this layer. */
  protected final ByteStore store() {
    return store;
  }

  @Override
  public StoredEntry get(byte[] key) {
    return store.get(key);
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    return store.getAll(keys);
  }

  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    return store.getAndTouch(key, expiresAt, now);
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    store.put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    return store.compareAndSet(key, expected, value, expiresAt);
  }

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    return store.increment(key, delta, expiresAtIfCreated);
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    return store.touch(key, expected, expiresAt);
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    store.putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    return store.removeAll(keys);
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    return store.scan(prefix, cursor, limit);
  }

  @Override
  public long clear(byte[] prefix) {
    return store.clear(prefix);
  }

  @Override
  public void flush() {
    store.flush();
  }

  @Override
  public void ping() {
    store.ping();
  }

  @Override
  public Map<String, String> serverInfo() {
    return store.serverInfo();
  }

  @Override
  public InvalidationBus invalidationBus() {
    return store.invalidationBus();
  }

  @Override
  public InvalidationBus eventBus() {
    return store.eventBus();
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {
  }
}
