package dev.tiffin.testing.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Remembers every process this launcher started so a JVM shutdown hook can end those still running. */
final class LaunchedProcesses {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LaunchedProcesses::destroyAll, "tiffin-test-redis-reaper"));
  }

  private LaunchedProcesses() {
  }

  static void add(Process process) {
    RUNNING.add(process);
  }

  static void remove(Process process) {
    RUNNING.remove(process);
  }

  private static void destroyAll() {
    for (Process process : RUNNING) {
      process.destroy();
    }
    for (Process process : RUNNING) {
      try {
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
