package dev.tiffin.spi;

/**
 * Turns cache values into stored bytes and back; store-by-value rests on it.
 *
 * <p>Both directions take the store key, because a value's integrity tag covers the key it is
 * stored under: bytes copied to another key do not verify there.
 */
public interface ValueCodec {

  /** Encodes a non-null value to be stored under {@code storeKey}. */
  byte[] encode(byte[] storeKey, Object value);

  /**
   * Decodes bytes read from {@code storeKey}.
   *
   * @throws CorruptValueException when the bytes cannot be read back or cannot be trusted
   */
  Object decode(byte[] storeKey, byte[] bytes);
}
