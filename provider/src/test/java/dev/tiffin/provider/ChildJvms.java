package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Worker JVMs on this test's class path that start their work together: each is called with the
 * store URI, a "go" file and its own "ready" file, creates the ready file once warmed up, and waits
 * for the go file, so that their operations overlap.
 */
public final class ChildJvms {

  private ChildJvms() {
  }

  /** Runs {@code count} workers of {@code main} to completion and fails, with its log, on any that fails. */
  public static void runTogether(Path folder, Class<?> main, String uri, int count, IntFunction<List<String>> extraArgs)
      throws IOException, InterruptedException {
    String run = main.getSimpleName() + "-" + Math.abs(uri.hashCode());
    Path go = folder.resolve(run + "-go");
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), main.getName(), uri, go.toString(), ready(folder, run, i)));
      command.addAll(extraArgs.apply(i));
      workers.add(new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log(folder, run, i).toFile()).start());
    }
    for (int i = 0; i < count; i++) {
      Path ready = Path.of(ready(folder, run, i));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.exists(ready) && workers.get(i).isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    Files.createFile(go);
    for (int i = 0; i < count; i++) {
      Process worker = workers.get(i);
      if (!worker.waitFor(5, TimeUnit.MINUTES)) {
        worker.destroyForcibly();
      }
      Path log = log(folder, run, i);
      assertEquals(0, worker.exitValue(), () -> readQuietly(log));
    }
  }

  /** Waits for the go file, in a worker. */
  public static void awaitGo(Path go) throws InterruptedException {
    while (!Files.exists(go)) {
      Thread.sleep(2);
    }
  }

  private static String ready(Path folder, String run, int worker) {
    return folder.resolve(run + "-ready-" + worker).toString();
  }

  private static Path log(Path folder, String run, int worker) {
    return folder.resolve(run + "-worker-" + worker + ".log");
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
