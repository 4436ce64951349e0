package dev.tiffin.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCK is the judge: its exclude list may hold the TCK's own failing dummy test and nothing else. */
class ExcludeListTest {

  @Test
  void excludesOnlyTheTcksDummyTest() throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("ExcludeList")) {
      assertNotNull(in, "ExcludeList resource");
      List<String> entries = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
      assertEquals(List.of("org.jsr107.tck.CachingTest#dummyTest"), entries);
    }
  }
}
