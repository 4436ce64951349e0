package dev.tiffin.provider.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class whose static initializer records that it ran, and a way to produce serialized bytes that
 * name it without ever loading it: proof that refused bytes never reach a class's code.
 */
public final class Canaries {

  /** Set by {@link Canary}'s static initializer. */
  public static final AtomicBoolean CANARY_RAN = new AtomicBoolean();

  private Canaries() {
  }

  /** Its static initializer is the code an attacker would want to run. */
  public static final class Canary implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
      CANARY_RAN.set(true);
    }

    String payload = "boom";
  }

  /** The same shape under a name of the same length, used to write Canary's bytes without loading it. */
  public static final class Canarz implements Serializable {
    private static final long serialVersionUID = 1L;
    String payload = "boom";
  }

  /** A Java serialization stream of a {@link Canary}, made without initializing that class. */
  public static byte[] canaryStream() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(new Canarz());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = buffer.toByteArray();
    byte[] from = "Canaries$Canarz".getBytes(StandardCharsets.UTF_8);
    byte[] to = "Canaries$Canary".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + from.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, bytes, i, to.length);
      }
    }
    return bytes;
  }

  /** {@code stream} as an unsigned Java-serialization value envelope. */
  public static byte[] unsignedEnvelope(byte[] stream) {
    byte[] out = new byte[4 + stream.length];
    out[0] = (byte) 0xFE;
    out[1] = 1;
    out[2] = 0;
    out[3] = 'J';
    System.arraycopy(stream, 0, out, 4, stream.length);
    return out;
  }
}
