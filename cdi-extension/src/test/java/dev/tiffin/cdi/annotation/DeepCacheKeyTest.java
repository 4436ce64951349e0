package dev.tiffin.cdi.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class DeepCacheKeyTest {

  @Test
  void equalityIsDeepOverArrays() {
    DeepCacheKey a = new DeepCacheKey("x", new int[] {1, 2}, new String[][] {{"y"}});
    DeepCacheKey b = new DeepCacheKey("x", new int[] {1, 2}, new String[][] {{"y"}});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new DeepCacheKey("x", new int[] {1, 3}, new String[][] {{"y"}}));
    assertNotEquals(new DeepCacheKey("x", 1), new DeepCacheKey(1, "x"));
  }

  @Test
  void argumentsAreCopied() {
    Object[] arguments = {"a"};
    DeepCacheKey key = new DeepCacheKey(arguments);
    arguments[0] = "changed";
    assertEquals(new DeepCacheKey("a"), key);
  }

  @Test
  void survivesSerializationAndSerializesNoHash() throws Exception {
    DeepCacheKey key = new DeepCacheKey("a", 1, Thread.State.NEW);
    key.hashCode();
    DeepCacheKey fresh = new DeepCacheKey("a", 1, Thread.State.NEW);

    DeepCacheKey copy = roundTrip(serialize(key));

    assertEquals(key, copy);
    assertEquals(key.hashCode(), copy.hashCode());
    assertEquals(java.util.Arrays.toString(serialize(fresh)), java.util.Arrays.toString(serialize(key)),
        "same bytes whether or not the hash was computed");
    assertEquals("DeepCacheKey[a, 1, NEW]", key.toString());
  }

  private static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static DeepCacheKey roundTrip(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (DeepCacheKey) in.readObject();
    }
  }
}
