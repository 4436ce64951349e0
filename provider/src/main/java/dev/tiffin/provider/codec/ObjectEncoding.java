package dev.tiffin.provider.codec;

import dev.tiffin.spi.CorruptValueException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes an object as a codec byte and a payload (see {@link ValueFormat}): compact forms for
 * strings, numbers, booleans and byte arrays, Java serialization for everything else. Value
 * envelopes and the bodies of non-String keys both use it.
 */
final class ObjectEncoding {

  private ObjectEncoding() {
  }

  /**
   * Appends the codec byte and payload of {@code value} after {@code headerLength} zero bytes the
   * caller fills in; classes Java serialization writes go to {@code written} when it is not null.
   */
  static byte[] encode(Object value, int headerLength, Consumer<Class<?>> written) {
    if (value instanceof String s) {
      return isUtf8Safe(s) ? withPayload(headerLength, ValueFormat.TEXT, s.getBytes(StandardCharsets.UTF_8))
          : withPayload(headerLength, ValueFormat.UTF16, utf16(s));
    } else if (value instanceof Long l) {
      return withPayload(headerLength, ValueFormat.LONG, ByteBuffer.allocate(8).putLong(l).array());
    } else if (value instanceof Integer i) {
      return withPayload(headerLength, ValueFormat.INTEGER, ByteBuffer.allocate(4).putInt(i).array());
    } else if (value instanceof Double d) {
      // doubleToLongBits folds every NaN into one pattern, so equal Doubles give equal key bytes.
      return withPayload(headerLength, ValueFormat.DOUBLE,
          ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(d)).array());
    } else if (value instanceof Boolean b) {
      return withPayload(headerLength, ValueFormat.BOOLEAN, new byte[] {(byte) (b ? 1 : 0)});
    } else if (value instanceof byte[] bytes) {
      return withPayload(headerLength, ValueFormat.BYTES, bytes);
    }
    byte[] out = JavaSerialization.write(value, headerLength + 1, written);
    out[headerLength] = ValueFormat.JAVA;
    return out;
  }

  /** The codec byte at {@code offset}. */
  static byte codecAt(byte[] bytes, int offset) {
    if (offset >= bytes.length) {
      throw new CorruptValueException("truncated value: no codec byte", null);
    }
    return bytes[offset];
  }

  /**
   * Reads the object whose codec byte is at {@code offset} and whose payload runs to {@code end};
   * Java-serialized payloads go to {@code java}.
   */
  static Object decode(byte[] bytes, int offset, int end, JavaReader java) {
    byte codec = codecAt(bytes, offset);
    int start = offset + 1;
    int length = end - start;
    return switch (codec) {
      case ValueFormat.TEXT -> new String(bytes, start, length, StandardCharsets.UTF_8);
      case ValueFormat.UTF16 -> ByteBuffer.wrap(bytes, start, length).asCharBuffer().toString();
      case ValueFormat.LONG -> exact(bytes, start, length, 8).getLong();
      case ValueFormat.INTEGER -> exact(bytes, start, length, 4).getInt();
      case ValueFormat.DOUBLE -> exact(bytes, start, length, 8).getDouble();
      case ValueFormat.BOOLEAN -> exact(bytes, start, length, 1).get() != 0;
      case ValueFormat.BYTES -> Arrays.copyOfRange(bytes, start, end);
      case ValueFormat.JAVA -> java.read(bytes, start, length);
      default -> throw new CorruptValueException("unknown codec " + codec, null);
    };
  }

  /** Whether UTF-8 carries {@code s} exactly: it does unless a surrogate stands unpaired. */
  static boolean isUtf8Safe(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  /** The string's chars as they are, two bytes each: a charset would replace an unpaired surrogate. */
  private static byte[] utf16(String s) {
    ByteBuffer buffer = ByteBuffer.allocate(s.length() * 2);
    buffer.asCharBuffer().put(s);
    return buffer.array();
  }

  private static ByteBuffer exact(byte[] bytes, int start, int length, int expected) {
    if (length != expected) {
      throw new CorruptValueException("expected " + expected + " payload bytes, found " + length, null);
    }
    return ByteBuffer.wrap(bytes, start, length);
  }

  private static byte[] withPayload(int headerLength, byte codec, byte[] payload) {
    byte[] out = new byte[headerLength + 1 + payload.length];
    out[headerLength] = codec;
    System.arraycopy(payload, 0, out, headerLength + 1, payload.length);
    return out;
  }

  /** Reads a Java-serialized payload under some trust decision. */
  @FunctionalInterface
  interface JavaReader {
    Object read(byte[] bytes, int offset, int length);
  }
}
