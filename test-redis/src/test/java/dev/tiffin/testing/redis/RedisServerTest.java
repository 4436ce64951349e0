package dev.tiffin.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {

  @TempDir
  Path dir;

  @Test
  void startsOnLoopbackAndServesSetAndGet() throws Exception {
    try (RedisServer server = RedisServer.start(dir)) {
      assertEquals("PONG", server.cli("PING"));
      assertEquals("OK", server.cli("SET", "greeting", "hello world"));
      assertEquals("hello world", server.cli("GET", "greeting"));
      assertEquals("redis://127.0.0.1:" + server.port(), server.uri());
      assertEquals("127.0.0.1", server.host());
      assertTrue(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false));
      assertEquals("bind\n127.0.0.1", server.cli("CONFIG", "GET", "bind"));
      assertEquals("save", server.cli("CONFIG", "GET", "save"), "no snapshots");
      assertEquals("appendonly\nno", server.cli("CONFIG", "GET", "appendonly"));
      assertTrue(Files.exists(dir.resolve("redis-" + server.port() + ".log")));
    }
  }

  @Test
  void extraConfigLinesOverrideTheDefaults() {
    try (RedisServer server = RedisServer.start(dir, List.of("maxmemory 10mb", "maxmemory-policy allkeys-lru"))) {
      assertEquals("maxmemory\n10485760", server.cli("CONFIG", "GET", "maxmemory"));
      assertEquals("maxmemory-policy\nallkeys-lru", server.cli("CONFIG", "GET", "maxmemory-policy"));
    }
  }

  @Test
  void restartKeepsThePortAndStartsEmpty() {
    try (RedisServer server = RedisServer.start(dir)) {
      int port = server.port();
      long pid = server.pid();
      server.cli("SET", "k", "v");

      server.restart();

      assertEquals(port, server.port());
      assertNotEquals(pid, server.pid());
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertEquals("PONG", server.cli("PING"));
      assertEquals("", server.cli("GET", "k"));
    }
  }

  @Test
  void restartAfterStopBringsTheServerBack() {
    try (RedisServer server = RedisServer.start(dir)) {
      server.stop();
      assertFalse(server.isRunning());
      server.restart();
      assertTrue(server.isRunning());
      assertEquals("PONG", server.cli("PING"));
    }
  }

  @Test
  void stopEndsTheProcessAndFreesThePort() {
    RedisServer server = RedisServer.start(dir);
    long pid = server.pid();

    server.stop();

    assertFalse(server.isRunning());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertTrue(FreePorts.isFree(server.port()));
    server.stop();
    server.close();
  }

  @Test
  void stopWorksWhenTheDefaultUserNeedsAPassword() {
    RedisServer server = RedisServer.start(dir, List.of("requirepass secret"));
    long pid = server.pid();
    assertTrue(server.cli("PING").startsWith("NOAUTH"));
    assertEquals("PONG", server.cli("--no-auth-warning", "-a", "secret", "PING"));

    server.close();

    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aBadConfigFailsFastWithTheServersComplaint() {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RedisServer.start(dir, List.of("no-such-directive yes")));
    assertTrue(failure.getMessage().contains("no-such-directive"), failure.getMessage());
  }

  @Test
  void aMissingExecutableFailsWithInstallAdvice() {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RedisExecutables.find("redis-server", dir.toString()));
    assertTrue(failure.getMessage().contains("apt-get install redis-server"), failure.getMessage());
  }
}
