package dev.tiffin.testing.redis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A real redis-server on a free 127.0.0.1 port, without persistence, with its config and log
 * ({@code redis-<port>.conf}, {@code redis-<port>.log}) in a folder the test chooses.
 *
 * <p>Files are named by port, so several servers may share one folder.
 */
public final class RedisServer implements AutoCloseable {

  /** The only address the launcher binds: tests never expose a server beyond loopback. */
  public static final String HOST = "127.0.0.1";

  private static final int BIND_ATTEMPTS = 3;

  private final int port;
  private final RedisProcess process;

  private RedisServer(int port, RedisProcess process) {
    this.port = port;
    this.process = process;
  }

  /** Starts a server and returns once it answers PING. */
  public static RedisServer start(Path dir) {
    return start(dir, List.of());
  }

  /** Starts a server whose config ends with the given lines (they override the defaults), once it answers PING. */
  public static RedisServer start(Path dir, List<String> extraConfigLines) {
    List<String> extra = List.copyOf(extraConfigLines);
    return start(dir, FreePorts::next, port -> extra);
  }

  static RedisServer start(Path dir, IntSupplier ports, IntFunction<List<String>> extraConfigForPort) {
    Objects.requireNonNull(dir, "dir");
    Path folder = RedisConfigFile.absoluteFolder(dir);
    IllegalStateException lastFailure = null;
    for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      int port = ports.getAsInt();
      Path log = folder.resolve("redis-" + port + ".log");
      Path config = RedisConfigFile.write(folder.resolve("redis-" + port + ".conf"),
          configLines(folder, port, log, extraConfigForPort.apply(port)));
      RedisProcess process = new RedisProcess(config, List.of(), port, log);
      try {
        process.start();
        return new RedisServer(port, process);
      } catch (IllegalStateException e) {
        if (!process.failedToBind()) {
          throw e;
        }
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private static List<String> configLines(Path folder, int port, Path log, List<String> extra) {
    List<String> lines = new ArrayList<>(List.of(
        "bind " + HOST,
        "port " + port,
        "protected-mode no",
        "daemonize no",
        "save \"\"",
        "appendonly no",
        "dir " + RedisConfigFile.quote(folder),
        "dbfilename " + RedisConfigFile.quote("dump-" + port + ".rdb"),
        "logfile " + RedisConfigFile.quote(log)));
    lines.addAll(extra);
    return lines;
  }

  /** Returns {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /** Returns the port, which stays the same across {@link #restart()}. */
  public int port() {
    return port;
  }

  /** Returns {@code redis://127.0.0.1:<port>}, the form a Tiffin store URI takes. */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** Returns the PID of the current redis-server process. */
  public long pid() {
    return process.pid();
  }

  /** Tells whether the redis-server process is alive. */
  public boolean isRunning() {
    return process.isRunning();
  }

  /** Stops the server with SHUTDOWN NOSAVE, ending the process by its handle if it lingers; safe to repeat. */
  public void stop() {
    process.stop();
  }

  /**
   * Stops the server if it runs and starts it again on the same port and config, for recovery tests;
   * data and settings changed at runtime (CONFIG SET, ACL SETUSER) are gone, cluster membership stays.
   */
  public void restart() {
    process.stop();
    process.start();
  }

  /** Runs {@code redis-cli -h 127.0.0.1 -p <port> args...} and returns its raw output without the final newline; error replies come back as text. */
  public String cli(String... args) {
    List<String> command = new ArrayList<>(List.of("-h", HOST, "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return RedisCli.run(RedisProcess.START_TIMEOUT, command);
  }

  /** How often the server ran {@code command} (lower case, {@code pubsub|numsub} for a subcommand) since its statistics were reset. */
  public long calls(String command) {
    for (String line : cli("INFO", "commandstats").split("\\R")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
      }
    }
    return 0;
  }

  /** Starts recording every command this server executes, through MONITOR on a connection of its own. */
  public CommandRecorder monitor() {
    return CommandRecorder.open(HOST, port);
  }

  /** Stops the server; same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "RedisServer[" + HOST + ":" + port + (isRunning() ? ", pid " + pid() : ", stopped") + "]";
  }
}
