package dev.tiffin.provider.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.spi.CorruptValueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  /** An application type nobody declared or allowed. */
  record Order(String id, int quantity) implements Serializable {
  }

  /** A key type that needs Java serialization. */
  record OrderKey(long id) implements Serializable {
  }

  private static final String KEY = "a-signing-key-of-some-length-01";
  private static final String OTHER_KEY = "another-signing-key-of-length-02";

  private final UnreadableValues unreadable = new UnreadableValues("orders");

  private EnvelopeCodec.Pair codec(Optional<SigningKeys> keys, List<Class<?>> declared, List<String> allowed) {
    return EnvelopeCodec.forCache("shop", "orders", new StoreTrust("main", keys), declared, allowed,
        getClass().getClassLoader(), unreadable);
  }

  private EnvelopeCodec.Pair signed(String key, Optional<String> previous) {
    return codec(Optional.of(SigningKeys.of(key, previous)), List.of(Object.class, Object.class), List.of());
  }

  private EnvelopeCodec.Pair keyless() {
    return codec(Optional.empty(), List.of(Object.class, Object.class), List.of());
  }

  private static Object roundTrip(EnvelopeCodec.Pair codec, Object key, Object value) {
    byte[] storeKey = codec.keys().encode(key);
    return codec.values().decode(storeKey, codec.values().encode(storeKey, value));
  }

  @Test
  void stringsAreTheirUtf8TextSoOtherClientsReadThem() {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode("k");
    assertArrayEquals("héllo wörld".getBytes(StandardCharsets.UTF_8), codec.values().encode(storeKey, "héllo wörld"));
    assertEquals("written by redis-cli", codec.values().decode(storeKey,
        "written by redis-cli".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void everyCompactTypeAndAwkwardStringRoundTrips() {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    for (Object value : List.of("", "\0", "x\uD800y", "\uDC00", "😀", 42L, -7, 2.5d, true, false)) {
      assertEquals(value, roundTrip(codec, "k", value), String.valueOf(value));
    }
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(codec, "k", new byte[] {1, 2, 3}));
    assertEquals((byte) 0xFE, codec.values().encode(codec.keys().encode("k"), 42L)[0]);
  }

  @Test
  void aSignedStoreReadsAnyApplicationClassWithoutAnAllowList() {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    assertEquals(new Order("o1", 3), roundTrip(codec, "k", new Order("o1", 3)));
    Order[] orders = (Order[]) roundTrip(codec, "k", new Order[] {new Order("o2", 1)});
    assertEquals(new Order("o2", 1), orders[0]);
    assertEquals(new ArrayList<>(List.of(new Order("o3", 2))), roundTrip(codec, "k", new ArrayList<>(List.of(new Order("o3", 2)))));
    assertEquals(0, unreadable.count());
  }

  @Test
  void anUnsignedValueIsNeverDeserializedInASignedStore() {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode("k");
    byte[] raw = Canaries.unsignedEnvelope(Canaries.canaryStream());
    assertThrows(CorruptValueException.class, () -> codec.values().decode(storeKey, raw));
    assertFalse(Canaries.CANARY_RAN.get(), "the canary's static initializer ran");
    assertEquals(1, unreadable.count());
  }

  @Test
  void aTamperedValueOrOneCopiedUnderAnotherKeyIsRefused() {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode("k");
    byte[] good = codec.values().encode(storeKey, new Order("o1", 3));
    byte[] tampered = good.clone();
    tampered[tampered.length - 40] ^= 1;
    assertThrows(CorruptValueException.class, () -> codec.values().decode(storeKey, tampered));
    byte[] badTag = good.clone();
    badTag[badTag.length - 1] ^= 1;
    assertThrows(CorruptValueException.class, () -> codec.values().decode(storeKey, badTag));
    assertThrows(CorruptValueException.class, () -> codec.values().decode(codec.keys().encode("other"), good));
    assertEquals(new Order("o1", 3), codec.values().decode(storeKey, good));
    assertEquals(3, unreadable.count());
  }

  @Test
  void aValueSignedWithAnotherKeyIsRefusedAndRotationStillReadsTheOldKeys() {
    EnvelopeCodec.Pair old = signed(KEY, Optional.empty());
    byte[] storeKey = old.keys().encode("k");
    byte[] written = old.values().encode(storeKey, new Order("o1", 3));
    assertThrows(CorruptValueException.class, () -> signed(OTHER_KEY, Optional.empty()).values().decode(storeKey, written));
    EnvelopeCodec.Pair rotating = signed(OTHER_KEY, Optional.of(KEY));
    assertEquals(new Order("o1", 3), rotating.values().decode(storeKey, written));
    byte[] rewritten = rotating.values().encode(storeKey, new Order("o1", 4));
    assertEquals(new Order("o1", 4), signed(OTHER_KEY, Optional.empty()).values().decode(storeKey, rewritten));
  }

  @Test
  void serializedKeysAreTrustedOnlyThroughTheirSignedValue() {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode(new OrderKey(7));
    byte[] value = codec.values().encode(storeKey, "plain text, but under a serialized key");
    assertEquals((byte) 0xFE, value[0]);
    assertEquals(new OrderKey(7), codec.values().decodeKey(storeKey, value));
    assertEquals("plain text, but under a serialized key", codec.values().decode(storeKey, value));
    assertThrows(CorruptValueException.class,
        () -> codec.values().decodeKey(storeKey, "raw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aKeylessStoreReadsBackEveryClassThisJvmWroteAndRefusesOthers() {
    EnvelopeCodec.Pair writer = keyless();
    assertEquals(new Order("o1", 3), roundTrip(writer, "k", new Order("o1", 3)));
    assertEquals(new OrderKey(1), roundTrip(writer, "k", new OrderKey(1)));

    UnreadableValues other = new UnreadableValues("orders");
    EnvelopeCodec.Pair stranger = EnvelopeCodec.forCache("shop", "orders", new StoreTrust("main", Optional.empty()),
        List.of(Object.class, Object.class), List.of(), getClass().getClassLoader(), other);
    byte[] storeKey = stranger.keys().encode("k");
    byte[] bytes = writer.values().encode(storeKey, new Order[] {new Order("o1", 3)});
    assertThrows(CorruptValueException.class, () -> stranger.values().decode(storeKey, bytes));
    assertEquals(1, other.count());
    assertThrows(CorruptValueException.class,
        () -> stranger.values().decode(storeKey, Canaries.unsignedEnvelope(Canaries.canaryStream())));
    assertFalse(Canaries.CANARY_RAN.get(), "the canary's static initializer ran");
  }

  @Test
  void aKeylessStoreTrustsJdkTypesDeclaredTypesAndPatternsWithArraysByComponent() {
    EnvelopeCodec.Pair writer = keyless();
    byte[] storeKey = writer.keys().encode("k");
    Object[] jdk = {new BigDecimal("1.5"), Instant.EPOCH, new java.io.Serializable[] {"s", 1L}, Map.of("a", List.of(1))};
    UnreadableValues fresh = new UnreadableValues("fresh");
    EnvelopeCodec.Pair reader = EnvelopeCodec.forCache("shop", "fresh", new StoreTrust("main", Optional.empty()),
        List.of(Object.class, Object.class), List.of(), getClass().getClassLoader(), fresh);
    byte[] freshKey = reader.keys().encode("k");
    assertArrayEquals(jdk, (Object[]) reader.values().decode(freshKey, writer.values().encode(freshKey, jdk)));

    EnvelopeCodec.Pair declared = EnvelopeCodec.forCache("shop", "declared", new StoreTrust("main", Optional.empty()),
        List.of(String.class, Order.class), List.of(), getClass().getClassLoader(), fresh);
    byte[] declaredKey = declared.keys().encode("k");
    assertEquals(new Order("x", 1), declared.values().decode(declaredKey,
        writer.values().encode(declaredKey, new Order("x", 1))));
    EnvelopeCodec.Pair patterned = EnvelopeCodec.forCache("shop", "patterned", new StoreTrust("main", Optional.empty()),
        List.of(Object.class, Object.class), List.of(Order.class.getName()), getClass().getClassLoader(), fresh);
    byte[] patternKey = patterned.keys().encode("k");
    Order[] array = {new Order("y", 2)};
    assertArrayEquals(array, (Object[]) patterned.values().decode(patternKey, writer.values().encode(patternKey, array)));
    assertEquals(0, fresh.count());
    assertTrue(storeKey.length > 0);
  }

  @Test
  void hostileStreamsAreMissesWithinMilliseconds() throws IOException {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode("k");
    // A long[] whose header claims 10^8 elements: refused before any allocation.
    byte[] array = javaStream(new long[4]);
    int lengthAt = indexOfLength(array, 4);
    ByteBuffer.wrap(array, lengthAt, 4).putInt(100_000_000);
    // 10,000 nested Object[]: refused by depth before the stack overflows.
    Object nested = null;
    for (int i = 0; i < 10_000; i++) {
      nested = new Object[] {nested};
    }
    byte[] deep = javaStreamUnchecked(nested);
    long start = System.nanoTime();
    for (byte[] stream : List.of(array, deep)) {
      byte[] signedBytes = signStream(codec, storeKey, stream);
      assertThrows(CorruptValueException.class, () -> codec.values().decode(storeKey, signedBytes));
    }
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "hostile values took seconds to refuse");
    assertEquals(2, unreadable.count());
  }

  private static byte[] signStream(EnvelopeCodec.Pair codec, byte[] storeKey, byte[] stream) {
    byte[] body = Canaries.unsignedEnvelope(stream);
    body[2] = ValueFormat.SIGNED;
    SigningKeys keys = SigningKeys.of(KEY, Optional.empty());
    byte[] tag = keys.sign(storeKey, body, body.length);
    byte[] out = Arrays.copyOf(body, body.length + tag.length);
    System.arraycopy(tag, 0, out, body.length, tag.length);
    return out;
  }

  private static byte[] javaStream(Object value) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(value);
    }
    return buffer.toByteArray();
  }

  private static byte[] javaStreamUnchecked(Object value) {
    // Serializing 10,000 levels needs a deep stack of its own.
    byte[][] result = new byte[1][];
    Thread writer = new Thread(null, () -> {
      try {
        result[0] = javaStream(value);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "deep-writer", 512L * 1024 * 1024);
    writer.start();
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result[0];
  }

  /** Where the 4-byte length {@code length} of the only array in the stream stands (just before its elements). */
  private static int indexOfLength(byte[] stream, int length) {
    int elements = length * 8;
    return stream.length - elements - 4;
  }

  @Test
  void aCollectionClaimingMoreElementsThanItsBytesIsRefused() throws IOException {
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode("k");
    byte[] stream = javaStream(new ArrayList<>(List.of("a")));
    // ArrayList's "size" field value follows its class descriptor (…"size", TC_ENDBLOCKDATA, TC_NULL): claim 10^8.
    int sizeAt = indexOf(stream, new byte[] {'s', 'i', 'z', 'e', 0x78, 0x70}) + 6;
    ByteBuffer.wrap(stream, sizeAt, 4).putInt(100_000_000);
    byte[] signedBytes = signStream(codec, storeKey, stream);
    assertThrows(CorruptValueException.class, () -> codec.values().decode(storeKey, signedBytes));
  }

  @Test
  void nestedSetsThatHashForeverAreStoppedByTheTimeBudget() throws IOException {
    // The "SerialDOS" shape: each level holds two sets that both contain the next level.
    java.util.Set<Object> root = new java.util.HashSet<>();
    java.util.Set<Object> s1 = root;
    java.util.Set<Object> s2 = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      java.util.Set<Object> t1 = new java.util.HashSet<>();
      java.util.Set<Object> t2 = new java.util.HashSet<>();
      t1.add("foo");
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    EnvelopeCodec.Pair codec = signed(KEY, Optional.empty());
    byte[] storeKey = codec.keys().encode("k");
    byte[] signedBytes = signStream(codec, storeKey, javaStream(root));
    long start = System.nanoTime();
    assertThrows(CorruptValueException.class, () -> codec.values().decode(storeKey, signedBytes));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 10 * JavaSerialization.BASE_BUDGET_MILLIS, "refusing took " + millis + " ms");
  }

  private static int indexOf(byte[] stream, byte[] part) {
    for (int i = 0; i + part.length <= stream.length; i++) {
      if (Arrays.equals(stream, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not in the stream");
  }
}
