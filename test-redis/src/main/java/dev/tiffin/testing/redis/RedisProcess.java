package dev.tiffin.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One redis-server process (plain or sentinel) run from a config file: start, wait for PING, stop by PID. */
final class RedisProcess {

  static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final int TAIL_LINES = 25;

  private final List<String> command;
  private final int port;
  private final Path logFile;
  private final Path outputFile;
  private Process process;

  RedisProcess(Path configFile, List<String> extraArgs, int port, Path logFile) {
    this.command = new ArrayList<>();
    this.command.add(RedisExecutables.server());
    this.command.add(configFile.toString());
    this.command.addAll(extraArgs);
    this.port = port;
    this.logFile = logFile;
    this.outputFile = logFile.resolveSibling(logFile.getFileName() + ".out");
  }

  synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    }
    LaunchedProcesses.add(process);
    awaitPing();
  }

  private void awaitPing() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        LaunchedProcesses.remove(process);
        throw new IllegalStateException("redis-server on port " + port + " exited with code "
            + process.exitValue() + " while starting; " + tail());
      }
      if (answersPing()) {
        return;
      }
      sleep(25);
    }
    stop();
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
        + START_TIMEOUT.toSeconds() + " s; " + tail());
  }

  /** Any reply but LOADING counts: a server with requirepass answers NOAUTH, which still means it is up. */
  private boolean answersPing() {
    try (RespConnection connection = RespConnection.open(RedisServer.HOST, port, Duration.ofSeconds(1))) {
      Object reply = connection.call("PING");
      return !(reply instanceof RespConnection.ErrorReply error && error.message().startsWith("LOADING"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Asks for SHUTDOWN NOSAVE, then ends the process by its handle if it is still there; safe to repeat. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
      if (!askShutdown()) {
        process.destroy();
      }
      waitOrDestroy();
    }
    LaunchedProcesses.remove(process);
  }

  /** Returns false when the server refused (a reply such as NOAUTH), since an accepted SHUTDOWN never replies. */
  private boolean askShutdown() {
    try (RespConnection connection = RespConnection.open(RedisServer.HOST, port, Duration.ofSeconds(2))) {
      connection.call("SHUTDOWN", "NOSAVE");
      return false;
    } catch (IOException expected) {
      return true;
    }
  }

  private void waitOrDestroy() {
    try {
      if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      process.destroy();
      if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("redis-server on port " + port + " was never started");
    }
    return process.pid();
  }

  /** Tells whether the last start failed because the port was taken between choosing and binding it. */
  boolean failedToBind() {
    return tail().contains("Address already in use");
  }

  String tail() {
    return "last lines of " + logFile + ":\n" + lastLines(logFile) + "\nlast output:\n" + lastLines(outputFile);
  }

  private static String lastLines(Path file) {
    try {
      if (!Files.exists(file)) {
        return "(no file)";
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for redis-server", e);
    }
  }
}
