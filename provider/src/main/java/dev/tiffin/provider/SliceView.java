package dev.tiffin.provider;

import dev.tiffin.api.FlightLock;
import dev.tiffin.api.GetOrSetOptions;
import dev.tiffin.api.GetOrSetStatistics;
import dev.tiffin.api.StoreFailures;
import dev.tiffin.api.StoredValue;
import dev.tiffin.api.TiffinCache;
import dev.tiffin.api.ValueFactory;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TiffinCache} operations a cache and its namespaces share, each run on the slice of the
 * store {@link #operations()} names at that moment; what differs (JCache's face for a cache, a
 * generation for a namespace) is left to the subclass.
 */
abstract class SliceView<K, V> implements TiffinCache<K, V> {

  private final SliceFactory<K, V> slices;

  SliceView(SliceFactory<K, V> slices) {
    this.slices = slices;
  }

  /** The operations over this view's slice now; fails when the cache is closed. */
  abstract SpaceOperations<K, V> operations();

  /** Fails when the cache is closed. */
  abstract void requireOpen();

  /** Builds the operations of a namespace's slice. */
  SliceFactory<K, V> slices() {
    return slices;
  }

  private SpaceOperations<K, V> operations(K key) {
    Objects.requireNonNull(key, "key");
    return operations();
  }

  @Override
  public Duration ping() {
    return operations().ping();
  }

  @Override
  public void put(K key, V value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    SpaceOperations<K, V> operations = operations(key);
    operations.put(key, value, operations.expiresAfter(ttl));
  }

  @Override
  public void setNumeric(K key, long value) {
    operations(key).counters().set(key, value, null);
  }

  @Override
  public void setNumeric(K key, long value, Duration ttl) {
    SpaceOperations<K, V> operations = operations(key);
    operations.counters().set(key, value, operations.expiresAfter(ttl));
  }

  @Override
  public long getNumeric(K key) {
    return operations(key).counters().get(key);
  }

  @Override
  public long incr(K key, long delta) {
    return operations(key).counters().add(key, delta);
  }

  @Override
  public boolean expire(K key, Duration ttl) {
    return operations(key).expire(key, ttl);
  }

  @Override
  public FlightLock lock(K key, Duration lease, Duration wait) {
    return operations(key).lock(key, lease, wait);
  }

  @Override
  public Iterator<K> keys(String glob) {
    return operations().keys(glob);
  }

  @Override
  public Optional<StoredValue> inspect(K key) {
    return operations(key).inspect(key);
  }

  @Override
  public V getOrSet(K key, ValueFactory<V> factory) {
    return getOrSet(key, GetOrSetOptions.defaults(), factory);
  }

  @Override
  public V getOrSet(K key, GetOrSetOptions options, ValueFactory<V> factory) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(factory, "factory");
    return operations(key).getOrSet(key, options, factory);
  }

  @Override
  public void deleteByTag(String tag) {
    operations().getOrSet().deleteByTag(Objects.requireNonNull(tag, "tag"));
  }

  @Override
  public GetOrSetStatistics getOrSetStatistics() {
    return operations().getOrSet().statistics();
  }

  @Override
  public TiffinCache<K, V> namespace(String name) {
    requireOpen();
    return new NamespaceView<>(this, NamespaceView.checkName(name), slices);
  }

  @Override
  public long unreadableValues() {
    return slices.unreadable().count();
  }

  @Override
  public StoreFailures storeFailures() {
    return slices.health().snapshot();
  }

  @Override
  public String storeDescription() {
    return operations().space().store().describe();
  }
}
