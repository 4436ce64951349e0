package dev.tiffin.provider.near;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.util.List;

/** A store that passes everything on, for tests that change one method. */
class DelegatingStore implements ByteStore {

  private final ByteStore store;

  DelegatingStore(ByteStore store) {
    this.store = store;
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
  public void ping() {
    store.ping();
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {
    store.close();
  }
}
