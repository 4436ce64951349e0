package dev.tiffin.provider.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/** A cache entry event; the old value is carried only to listeners that asked for it. */
public final class TiffinEntryEvent<K, V> extends CacheEntryEvent<K, V> {

  private static final long serialVersionUID = 1L;

  private final K key;
  private final V value;
  private final V oldValue;
  private final boolean oldValueAvailable;

  /** Creates an event; {@code oldValueAvailable} tells listeners whether {@code oldValue} means anything. */
  public TiffinEntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  /** This event as seen by a listener that does not want old values. */
  TiffinEntryEvent<K, V> withoutOldValue() {
    boolean valueIsOld = getEventType() == EventType.REMOVED || getEventType() == EventType.EXPIRED;
    @SuppressWarnings("unchecked")
    Cache<K, V> cache = (Cache<K, V>) getSource();
    return new TiffinEntryEvent<>(cache, getEventType(), key, valueIsOld ? null : value, null, false);
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A cache entry event cannot be unwrapped to " + clazz.getName());
  }
}
