package dev.tiffin.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorLineTest {

  @Test
  void upperCasesTheNameAndKeepsArguments() {
    assertEquals(List.of("SET", "k", "v"), MonitorLine.parse("1700000000.123456 [0 127.0.0.1:50000] \"set\" \"k\" \"v\""));
  }

  @Test
  void undoesRedisQuoting() {
    assertEquals(List.of("SET", "a b\"c", "x\ny\\é\t"),
        MonitorLine.parse("1.0 [0 127.0.0.1:1] \"SET\" \"a b\\\"c\" \"x\\ny\\\\\\xc3\\xa9\\t\""));
  }

  @Test
  void readsCommandsRunByScripts() {
    assertEquals(List.of("GET", "k"), MonitorLine.parse("1.0 [0 lua] \"get\" \"k\""));
  }

  @Test
  void rejectsOtherLines() {
    assertThrows(IllegalArgumentException.class, () -> MonitorLine.parse("OK"));
  }
}
