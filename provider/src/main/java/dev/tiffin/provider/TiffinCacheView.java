package dev.tiffin.provider;

import java.time.Duration;

/**
 * What {@code cache.unwrap(TiffinCache.class)} returns: Tiffin's operations beyond JCache, for one
 * cache. {@code set}, {@code get}, {@code exists}, {@code delete} and {@code clear} are the cache's
 * own JCache operations; the rest run on the cache's slice of the store.
 */
final class TiffinCacheView<K, V> extends SliceView<K, V> {

  private final StoreBackedCache<K, V> cache;
  private final SpaceOperations<K, V> operations;

  TiffinCacheView(StoreBackedCache<K, V> cache, SpaceOperations<K, V> operations, SliceFactory<K, V> slices) {
    super(slices);
    this.cache = cache;
    this.operations = operations;
  }

  @Override
  SpaceOperations<K, V> operations() {
    cache.requireOpen();
    return operations;
  }

  @Override
  void requireOpen() {
    cache.requireOpen();
  }

  @Override
  public void put(K key, V value, Duration ttl) {
    cache.requireWritable(key, value);
    super.put(key, value, ttl);
  }

  @Override
  public void set(K key, V value, Duration ttl) {
    if (ttl == null) {
      cache.put(key, value);
    } else {
      put(key, value, ttl);
    }
  }

  @Override
  public V get(K key) {
    return cache.get(key);
  }

  @Override
  public boolean exists(K key) {
    return cache.containsKey(key);
  }

  @Override
  public boolean delete(K key) {
    return cache.remove(key);
  }

  @Override
  public void clear() {
    cache.clear();
  }

  @Override
  public String toString() {
    return "TiffinCache[" + cache.getName() + " in " + operations.space().store().describe() + "]";
  }
}
