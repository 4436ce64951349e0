package dev.tiffin.provider.codec;

/**
 * The one layout of stored values, shared by every backend.
 *
 * <pre>
 *   UTF-8 text                                          a String, stored as itself
 *   0xFE  version  flags  codec  payload  [HMAC tag]    anything else
 *   0xFD  ...header...  (one of the above)              a value getOrSet stored with grace or tags
 * </pre>
 *
 * <p>The {@code 0xFD} header ({@link EntryMetadata}) only says when the value stops being fresh and
 * what tags it carries; the value behind it is read exactly as if it stood alone.
 *
 * <p>{@code 0xFE} never occurs in UTF-8, so a value that does not start with it is text, readable
 * as the same text by {@code redis-cli}, {@code sqlite3} or another language's client, and
 * nothing is ambiguous. The codec byte says how the payload is written: compact forms for numbers,
 * booleans and byte arrays, Java serialization for the rest. When the {@link #SIGNED} flag is set,
 * the last {@link #TAG_LENGTH} bytes are an HMAC-SHA256 over the store key and everything before
 * the tag, under the store's signing key.
 */
final class ValueFormat {

  /** The first byte of every value that is not plain text. */
  static final byte MARKER = (byte) 0xFE;
  /** The version this code writes and reads. */
  static final byte VERSION = 1;
  /** The header: marker, version, flags, codec. */
  static final int HEADER_LENGTH = 4;
  /** Flag: the value ends with an integrity tag. */
  static final byte SIGNED = 1;
  /** Length of an HMAC-SHA256 tag. */
  static final int TAG_LENGTH = 32;

  /** Codec: UTF-8 text that cannot stand alone (empty, or under a serialized key). */
  static final byte TEXT = 'T';
  /** Codec: a String with unpaired surrogates, which UTF-8 cannot carry, as UTF-16BE. */
  static final byte UTF16 = 'U';
  /** Codec: a {@code Long}, 8 bytes big-endian. */
  static final byte LONG = 'L';
  /** Codec: an {@code Integer}, 4 bytes big-endian. */
  static final byte INTEGER = 'I';
  /** Codec: a {@code Double}, 8 bytes IEEE 754. */
  static final byte DOUBLE = 'D';
  /** Codec: a {@code Boolean}, one byte. */
  static final byte BOOLEAN = 'Z';
  /** Codec: a {@code byte[]}, as is. */
  static final byte BYTES = 'B';
  /** Codec: Java serialization. */
  static final byte JAVA = 'J';

  private ValueFormat() {
  }
}
