package dev.tiffin.provider.entry;

/** What an operation decided to do with one entry. */
public enum EntryOperation {
  /** Nothing: the entry was neither read nor changed. */
  NONE,
  /** The entry's value was read. */
  ACCESS,
  /** A value was set where no live entry was. */
  CREATE,
  /** A value came from the cache loader where no live entry was; not written through. */
  LOAD,
  /** A live entry's value was replaced. */
  UPDATE,
  /** The entry was removed. */
  REMOVE
}
