package dev.tiffin.spi;

/** Turns cache keys and values into bytes and back; store-by-value rests on it. */
public interface ValueCodec {

  /** Encodes a non-null object. */
  byte[] encode(Object value);

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @throws CorruptValueException when the bytes cannot be read back
   */
  Object decode(byte[] bytes);
}
