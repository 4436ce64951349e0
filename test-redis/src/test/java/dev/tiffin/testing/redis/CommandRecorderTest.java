package dev.tiffin.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRecorderTest {

  @TempDir
  static Path dir;

  static RedisServer server;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start(dir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void recordsASetOnceSyncReturns() {
    try (CommandRecorder recorder = server.monitor()) {
      server.cli("set", "app:k", "two words");

      recorder.sync();

      assertTrue(recorder.commands().contains(List.of("SET", "app:k", "two words")), recorder.commands()::toString);
      assertEquals(List.of(List.of("SET", "app:k", "two words")), recorder.commands("set"));
      assertTrue(recorder.commands().stream().noneMatch(command -> command.get(0).equals("ECHO")),
          "the sync marker is not recorded");
    }
  }

  @Test
  void keepsTheOrderAndForgetsOnClear() {
    try (CommandRecorder recorder = server.monitor()) {
      server.cli("DEL", "a");
      server.cli("INCRBY", "a", "5");
      recorder.sync();
      assertEquals(List.of(List.of("DEL", "a"), List.of("INCRBY", "a", "5")), recorder.commands());

      recorder.clear();
      server.cli("GET", "a");
      recorder.sync();

      assertEquals(List.of(List.of("GET", "a")), recorder.commands());
    }
  }

  @Test
  void syncAfterCloseFailsClearly() {
    CommandRecorder recorder = server.monitor();
    recorder.close();
    recorder.close();
    assertThrows(IllegalStateException.class, recorder::sync);
  }
}
