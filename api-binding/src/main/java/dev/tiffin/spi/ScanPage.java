package dev.tiffin.spi;

import java.util.List;

/**
 * One page of a prefix scan.
 *
 * @param entries the entries of this page (expired ones included; the caller decides)
 * @param cursor where the next page starts, or {@code null} when the scan is complete
 */
public record ScanPage(List<KeyedEntry> entries, byte[] cursor) {

  /** Whether another page follows. */
  public boolean hasMore() {
    return cursor != null;
  }
}
