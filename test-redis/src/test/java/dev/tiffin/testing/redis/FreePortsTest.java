package dev.tiffin.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void neverHandsOutTheSamePortTwice() {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ports.add(FreePorts.next());
    }
    assertEquals(50, ports.size());
  }

  @Test
  void clusterPortsComeWithAFreeBusPort() {
    int port = FreePorts.nextWithClusterBus();
    assertTrue(port + 10000 <= 65535);
    assertTrue(FreePorts.isFree(port));
    assertTrue(FreePorts.isFree(port + 10000));
  }
}
