package dev.tiffin.spi;

/**
 * Thrown by {@link ByteStore#increment} when the stored value is not a decimal integer, or the sum
 * would not fit in a {@code long}; the entry is left as it was.
 */
public class NotACounterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message must not quote the stored value, which may be private. */
  public NotACounterException(String message) {
    super(message);
  }
}
