package dev.tiffin.spi;

/**
 * Stored bytes that a codec cannot read back, or will not trust; the cache treats such an entry as
 * absent.
 */
public class CorruptValueException extends RuntimeException {

  /** Creates the exception with what went wrong and its cause. */
  public CorruptValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
