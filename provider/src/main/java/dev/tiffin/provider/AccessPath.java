package dev.tiffin.provider;

import java.util.Map;
import java.util.Set;

/**
 * The shortcuts a cache may take around the entry engine's read-decide-commit, chosen once per
 * cache: {@link OneRoundTrip} for the standard expiry policies, {@link #GENERAL} for any other.
 */
interface AccessPath<K, V> {

  /** No shortcut: every operation goes through the entry engine. */
  @SuppressWarnings("rawtypes")
  AccessPath GENERAL = new AccessPath() {
    @Override
    public ReadOutcome read(Object key) {
      return null;
    }

    @Override
    public boolean put(Object key, Object value) {
      return false;
    }

    @Override
    public int putAll(Map map, Set skipped) {
      return -1;
    }
  };

  /** A read settled in one round trip, or {@code null} when the entry engine must decide. */
  ReadOutcome<V> read(K key);

  /** Whether the put was done in one round trip; {@code false} leaves it to the entry engine. */
  boolean put(K key, V value);

  /**
   * Stores the entries not in {@code skipped} with one bulk write; returns how many, or -1 when
   * they must go through the entry engine one by one.
   */
  int putAll(Map<? extends K, ? extends V> map, Set<Object> skipped);

  /** What a shortcut read found. */
  record ReadOutcome<V>(boolean hit, V value) {
  }

  /** The shortcut-free path. */
  @SuppressWarnings("unchecked")
  static <K, V> AccessPath<K, V> general() {
    return GENERAL;
  }
}
