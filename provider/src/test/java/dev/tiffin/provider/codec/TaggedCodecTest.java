package dev.tiffin.provider.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.spi.CorruptValueException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

class TaggedCodecTest {

  /** A user type that nobody allowed. */
  record Order(String id, int quantity) implements Serializable {
  }

  private static TaggedCodec codec(List<Class<?>> declared, List<String> allowed) {
    return new TaggedCodec(new ClassAllowList(declared, allowed), TaggedCodecTest.class.getClassLoader(),
        "tiffin.cache.orders.allowed-classes");
  }

  private final TaggedCodec plain = codec(List.of(Object.class), List.of());

  @Test
  void fastPathsRoundTripWithOneTagByte() {
    assertEquals("héllo", plain.decode(plain.encode("héllo")));
    assertEquals(42L, plain.decode(plain.encode(42L)));
    assertEquals(-7, plain.decode(plain.encode(-7)));
    assertEquals(2.5d, plain.decode(plain.encode(2.5d)));
    assertEquals(true, plain.decode(plain.encode(true)));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) plain.decode(plain.encode(new byte[] {1, 2, 3})));
    assertEquals(9, plain.encode(42L).length);
    assertEquals('S', plain.encode("x")[0]);
  }

  @Test
  void jdkValueTypesPassTheAllowList() {
    Map<String, List<Object>> graph = new HashMap<>();
    graph.put("k", new ArrayList<>(List.of(BigDecimal.TEN, Instant.EPOCH, UUID.nameUUIDFromBytes(new byte[1]))));
    assertEquals(graph, plain.decode(plain.encode(graph)));
    assertEquals(List.of(1, 2), plain.decode(plain.encode(Arrays.asList(1, 2))));
  }

  @Test
  void jdkExceptionsPassButNotOtherJdkClasses() {
    java.io.IOException failure = new java.io.IOException("disk");
    assertEquals("disk", ((java.io.IOException) plain.decode(plain.encode(failure))).getMessage());
    byte[] file = plain.encode(new java.io.File("x"));
    assertThrows(CacheException.class, () -> plain.decode(file));
  }

  @Test
  void refusedClassNamesTheClassAndTheSetting() {
    byte[] bytes = plain.encode(new Order("a", 1));
    CacheException refused = assertThrows(CacheException.class, () -> plain.decode(bytes));
    assertTrue(refused.getMessage().contains(Order.class.getName()), refused.getMessage());
    assertTrue(refused.getMessage().contains("tiffin.cache.orders.allowed-classes"), refused.getMessage());
  }

  @Test
  void refusedClassInsideAnAllowedCollectionIsStillRefused() {
    byte[] bytes = plain.encode(new ArrayList<>(List.of(new Order("a", 1))));
    assertThrows(CacheException.class, () -> plain.decode(bytes));
  }

  @Test
  void declaredTypesAndConfiguredPatternsAreAllowed() {
    Order order = new Order("b", 2);
    assertEquals(order, codec(List.of(Order.class), List.of()).decode(plain.encode(order)));
    assertEquals(order, codec(List.of(Object.class), List.of("dev.tiffin.provider.codec.*")).decode(plain.encode(order)));
    assertEquals(order, codec(List.of(Object.class), List.of(Order.class.getName())).decode(plain.encode(order)));
  }

  @Test
  void unserializableValueIsAClearError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> plain.encode(new Object()));
    assertTrue(error.getMessage().contains("Serializable"), error.getMessage());
  }

  @Test
  void corruptedBytesAreReportedAsCorruptNeverAsACrash() {
    assertThrows(CorruptValueException.class, () -> plain.decode(new byte[0]));
    assertThrows(CorruptValueException.class, () -> plain.decode(new byte[] {'L', 1, 2}));
    assertThrows(CorruptValueException.class, () -> plain.decode(new byte[] {'?', 1}));
    byte[] serialized = plain.encode(new ArrayList<>(List.of("x")));
    byte[] truncated = Arrays.copyOf(serialized, serialized.length / 2);
    assertThrows(CorruptValueException.class, () -> plain.decode(truncated));
  }
}
