package dev.tiffin.spi;

/** A stored entry together with its full store key, as returned by a scan. */
public record KeyedEntry(byte[] key, StoredEntry entry) {
}
