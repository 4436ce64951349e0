package dev.tiffin.provider.codec;

import dev.tiffin.spi.ValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lays out store keys as {@code <app>:<cache>:<key>}: readable text when the key is a String,
 * a NUL byte followed by the codec's encoding otherwise.
 */
public final class KeyCodec {

  private static final byte ENCODED = 0;

  private final byte[] prefix;
  private final ValueCodec codec;

  /** Creates the key layout for one cache. */
  public KeyCodec(String app, String cacheName, ValueCodec codec) {
    this.prefix = (app + ":" + cacheName + ":").getBytes(StandardCharsets.UTF_8);
    this.codec = codec;
  }

  /** The bytes every key of this cache starts with. */
  public byte[] prefix() {
    return prefix.clone();
  }

  /** The store key for a cache key. */
  public byte[] encode(Object key) {
    byte[] body;
    if (key instanceof String s && !s.isEmpty() && s.charAt(0) != '\0') {
      body = s.getBytes(StandardCharsets.UTF_8);
    } else {
      byte[] encoded = codec.encode(key);
      body = new byte[encoded.length + 1];
      body[0] = ENCODED;
      System.arraycopy(encoded, 0, body, 1, encoded.length);
    }
    byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  /** The cache key behind a store key of this cache. */
  public Object decode(byte[] storeKey) {
    if (storeKey.length > prefix.length && storeKey[prefix.length] == ENCODED) {
      return codec.decode(Arrays.copyOfRange(storeKey, prefix.length + 1, storeKey.length));
    }
    return new String(storeKey, prefix.length, storeKey.length - prefix.length, StandardCharsets.UTF_8);
  }
}
