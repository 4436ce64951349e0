package dev.tiffin.provider.entry;

import javax.cache.Cache;

/** An immutable key-value pair handed to writers and returned by iteration. */
public record SimpleEntry<K, V>(K getKey, V getValue) implements Cache.Entry<K, V> {

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A cache entry cannot be unwrapped to " + clazz.getName());
  }
}
