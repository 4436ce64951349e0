package dev.tiffin.provider.layered;

import dev.tiffin.provider.codec.EntryMetadata;

/** A value read for getOrSet: the stored bytes and header it came from, and whether it is fresh. */
record Found<V>(V value, byte[] stored, EntryMetadata metadata, boolean fresh) {

  static <V> Found<V> none() {
    return new Found<>(null, null, null, false);
  }

  boolean isStale() {
    return value != null && !fresh;
  }

  /** What a caller gets from this read: the value, stale or not; {@code null} when there is none. */
  GetOrSet.Outcome<V> asOutcome() {
    return value == null ? null : new GetOrSet.Outcome<>(value, stored, !fresh);
  }

  boolean backingOffAt(long now) {
    return metadata != null && metadata.backoffUntil() > now;
  }
}
