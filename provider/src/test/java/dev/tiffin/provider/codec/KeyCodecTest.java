package dev.tiffin.provider.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

  private final TaggedCodec codec = new TaggedCodec(new ClassAllowList(List.of(), List.of()),
      getClass().getClassLoader(), "setting");
  private final KeyCodec keys = new KeyCodec("shop", "users", codec);

  @Test
  void stringKeysStayReadable() {
    assertEquals("shop:users:alice", new String(keys.encode("alice"), StandardCharsets.UTF_8));
    assertEquals("alice", keys.decode(keys.encode("alice")));
  }

  @Test
  void otherKeysAreEncodedAndNeverCollideWithStrings() {
    byte[] numeric = keys.encode(1L);
    assertFalse(Arrays.equals(numeric, keys.encode("1")));
    assertEquals(1L, keys.decode(numeric));
    assertEquals("", keys.decode(keys.encode("")));
    assertEquals("\0x", keys.decode(keys.encode("\0x")));
  }

  @Test
  void everyKeyStartsWithTheCachePrefix() {
    byte[] prefix = keys.prefix();
    for (Object key : List.of("a", 7, 7L, "")) {
      byte[] encoded = keys.encode(key);
      assertTrue(Arrays.equals(prefix, Arrays.copyOf(encoded, prefix.length)), key.toString());
    }
  }
}
