package dev.tiffin.provider.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

  private static final ObjectEncoding.JavaReader TRUSTED =
      (bytes, offset, length) -> JavaSerialization.read(bytes, offset, length, KeyCodecTest.class.getClassLoader(), null);

  private final KeyCodec keys = new KeyCodec("shop", "users", null);

  @Test
  void stringKeysStayReadable() {
    assertEquals("shop:users:alice", new String(keys.encode("alice"), StandardCharsets.UTF_8));
    assertEquals("alice", keys.decode(keys.encode("alice"), null));
  }

  @Test
  void otherKeysAreEncodedAndNeverCollideWithStrings() {
    byte[] numeric = keys.encode(1L);
    assertFalse(Arrays.equals(numeric, keys.encode("1")));
    assertEquals(1L, keys.decode(numeric, TRUSTED));
    assertEquals("", keys.decode(keys.encode(""), TRUSTED));
    assertEquals("\0x", keys.decode(keys.encode("\0x"), TRUSTED));
  }

  @Test
  void keysThatAreEqualEncodeToTheSameBytes() {
    Double quietNaN = Double.longBitsToDouble(0x7ff8000000000001L);
    assertEquals(Double.valueOf(Double.NaN), quietNaN);
    assertTrue(Arrays.equals(keys.encode(Double.NaN), keys.encode(quietNaN)));
    assertTrue(Double.isNaN((Double) keys.decode(keys.encode(quietNaN), TRUSTED)));
    assertFalse(Arrays.equals(keys.encode(0.0d), keys.encode(-0.0d)));
  }

  @Test
  void everyKeyStartsWithTheCachePrefix() {
    byte[] prefix = keys.prefix();
    for (Object key : List.of("a", 7, 7L, "")) {
      byte[] encoded = keys.encode(key);
      assertTrue(Arrays.equals(prefix, Arrays.copyOf(encoded, prefix.length)), key.toString());
    }
  }

  @Test
  void lockKeysLieOutsideTheCachePrefixButInsideTheApplications() {
    assertEquals("shop:users#lock:alice", new String(keys.lockKey("alice"), StandardCharsets.UTF_8));
    byte[] prefix = keys.prefix();
    byte[] app = "shop:".getBytes(StandardCharsets.UTF_8);
    for (Object key : List.of("a", 7L, "")) {
      byte[] lock = keys.lockKey(key);
      assertFalse(Arrays.equals(prefix, Arrays.copyOf(lock, prefix.length)), key.toString());
      assertTrue(Arrays.equals(app, Arrays.copyOf(lock, app.length)), key.toString());
    }
    assertFalse(Arrays.equals(keys.lockKey(1L), keys.lockKey("1")));
  }

  @Test
  void cacheNamesCannotReachIntoEachOthersKeys() {
    KeyCodec parent = new KeyCodec("shop", "a", null);
    KeyCodec child = new KeyCodec("shop", "a:b", null);
    KeyCodec hashed = new KeyCodec("shop", "a#lock", null);
    String parentPrefix = new String(parent.prefix(), StandardCharsets.UTF_8);
    assertFalse(new String(child.encode("k"), StandardCharsets.UTF_8).startsWith(parentPrefix));
    assertFalse(Arrays.equals(parent.lockKey("k"), hashed.encode("k")));
    assertEquals("shop:a%3Ab:k", new String(child.encode("k"), StandardCharsets.UTF_8));
    assertEquals("shop:100%25:k", new String(new KeyCodec("shop", "100%", null).encode("k"), StandardCharsets.UTF_8));
  }
}
