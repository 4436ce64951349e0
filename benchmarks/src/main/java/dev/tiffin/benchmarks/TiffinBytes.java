package dev.tiffin.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The bytes Tiffin writes for a String entry of cache "bench" under app "tiffin", so a raw peer
 * can store and read exactly what Tiffin does, paying for the same conversions.
 */
final class TiffinBytes {

  static final byte[] KEY_PREFIX = "tiffin:bench:".getBytes(StandardCharsets.UTF_8);

  private TiffinBytes() {
  }

  /** What Tiffin's KeyCodec writes for a String key: the cache prefix, then UTF-8. */
  static byte[] key(String key) {
    byte[] body = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[KEY_PREFIX.length + body.length];
    System.arraycopy(KEY_PREFIX, 0, out, 0, KEY_PREFIX.length);
    System.arraycopy(body, 0, out, KEY_PREFIX.length, body.length);
    return out;
  }

  /** What Tiffin's value format writes for a String: its UTF-8 text. */
  static byte[] value(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The String behind {@link #value} bytes, or {@code null} for a missing entry. */
  static String stringValue(byte[] stored) {
    return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
  }
}
