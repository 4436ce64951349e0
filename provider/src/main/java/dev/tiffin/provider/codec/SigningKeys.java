package dev.tiffin.provider.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 tags under a store's signing key: the current key signs and verifies, an optional
 * previous key still verifies while values written under it are replaced.
 *
 * <p>A tag covers the store key as well as the value, so signed bytes copied under another key do
 * not verify there.
 */
public final class SigningKeys {

  private static final String ALGORITHM = "HmacSHA256";
  /** Shortest key accepted: a signing key must not be guessable. */
  public static final int MIN_LENGTH = 16;

  private final Mac current;
  private final Mac previous;

  private SigningKeys(Mac current, Mac previous) {
    this.current = current;
    this.previous = previous;
  }

  /** Keys from their text (the configured setting, or the key file's content). */
  public static SigningKeys of(String currentKey, Optional<String> previousKey) {
    return new SigningKeys(mac(currentKey), previousKey.map(SigningKeys::mac).orElse(null));
  }

  /** The tag of {@code bytes[0, length)} stored under {@code storeKey}, under the current key. */
  byte[] sign(byte[] storeKey, byte[] bytes, int length) {
    return tag(current, storeKey, bytes, length);
  }

  /** Whether the tag at {@code bytes[length, length + 32)} was made by the current or previous key. */
  boolean verifies(byte[] storeKey, byte[] bytes, int length) {
    return matches(tag(current, storeKey, bytes, length), bytes, length)
        || (previous != null && matches(tag(previous, storeKey, bytes, length), bytes, length));
  }

  /** Compares every byte whatever the first difference, so the time taken tells nothing about the tag. */
  private static boolean matches(byte[] expected, byte[] bytes, int at) {
    if (bytes.length - at != expected.length) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < expected.length; i++) {
      difference |= expected[i] ^ bytes[at + i];
    }
    return difference == 0;
  }

  private static byte[] tag(Mac prototype, byte[] storeKey, byte[] bytes, int length) {
    Mac mac = copy(prototype);
    // The key's length goes first, so no (key, value) split of the same bytes yields the same tag.
    int n = storeKey.length;
    mac.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    mac.update(storeKey);
    mac.update(bytes, 0, length);
    return mac.doFinal();
  }

  private static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's " + ALGORITHM + " cannot be cloned", e);
    }
  }

  private static Mac mac(String key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "SigningKeys[" + (previous == null ? "one key" : "current and previous key") + "]";
  }
}
