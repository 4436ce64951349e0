package dev.tiffin.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Records every command one Redis server executes, through MONITOR on its own connection, so a
 * test can assert which commands a client sent (for example that a clear used SCAN, never KEYS).
 *
 * <p>MONITOR does not show AUTH, HELLO and admin commands such as CONFIG; it only works while the
 * default user may connect without a password.
 */
public final class CommandRecorder implements AutoCloseable {

  private static final String MARKER_PREFIX = "tiffin-monitor-sync-";
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(10);

  private final String host;
  private final int port;
  private final RespConnection connection;
  private final List<List<String>> commands = new ArrayList<>();
  private final Set<String> markersSeen = new HashSet<>();
  private volatile boolean closed;
  private IOException failure;

  private CommandRecorder(String host, int port, RespConnection connection) {
    this.host = host;
    this.port = port;
    this.connection = connection;
  }

  static CommandRecorder open(String host, int port) {
    RespConnection connection = null;
    try {
      connection = RespConnection.open(host, port, Duration.ofSeconds(5));
      Object reply = connection.call("MONITOR");
      if (!"OK".equals(reply)) {
        throw new IllegalStateException("MONITOR on " + host + ":" + port + " answered " + reply);
      }
      connection.setReadTimeout(Duration.ZERO);
      CommandRecorder recorder = new CommandRecorder(host, port, connection);
      Thread reader = new Thread(recorder::readLoop, "redis-monitor-" + port);
      reader.setDaemon(true);
      reader.start();
      return recorder;
    } catch (IOException e) {
      closeQuietly(connection);
      throw new UncheckedIOException("Cannot start MONITOR on " + host + ":" + port, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private void readLoop() {
    try {
      while (true) {
        String line = connection.readLine();
        if (!line.startsWith("+")) {
          continue;
        }
        List<String> command = MonitorLine.parse(line.substring(1));
        synchronized (this) {
          if (isMarker(command)) {
            markersSeen.add(command.get(1));
          } else {
            commands.add(command);
          }
          notifyAll();
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        if (!closed) {
          failure = e instanceof IOException io ? io : new IOException(e);
        }
        notifyAll();
      }
    }
  }

  private static boolean isMarker(List<String> command) {
    return command.size() == 2 && command.get(0).equals("ECHO") && command.get(1).startsWith(MARKER_PREFIX);
  }

  /** Returns the commands seen so far, oldest first, each as the upper-cased name followed by its arguments. */
  public synchronized List<List<String>> commands() {
    return List.copyOf(commands);
  }

  /** Returns the commands seen so far whose name is the given one, in any case. */
  public synchronized List<List<String>> commands(String name) {
    String wanted = name.toUpperCase(Locale.ROOT);
    return commands.stream().filter(command -> command.get(0).equals(wanted)).toList();
  }

  /** Forgets the commands seen so far; call {@link #sync()} first to be sure nothing earlier arrives later. */
  public synchronized void clear() {
    commands.clear();
  }

  /**
   * Sends a unique {@code ECHO} from another connection and waits until MONITOR shows it, so every
   * command that completed before this call is in {@link #commands()}; the marker is not recorded.
   */
  public void sync() {
    String marker = MARKER_PREFIX + UUID.randomUUID();
    try (RespConnection other = RespConnection.open(host, port, SYNC_TIMEOUT)) {
      other.call("ECHO", marker);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot send the sync marker to " + host + ":" + port, e);
    }
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    synchronized (this) {
      while (!markersSeen.remove(marker)) {
        if (failure != null) {
          throw new IllegalStateException("MONITOR connection to " + host + ":" + port + " failed", failure);
        }
        if (closed) {
          throw new IllegalStateException("CommandRecorder is closed");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("MONITOR on " + host + ":" + port + " did not show the sync marker within "
              + SYNC_TIMEOUT.toSeconds() + " s");
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for MONITOR", e);
        }
      }
    }
  }

  /** Closes the MONITOR connection; safe to repeat. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(RespConnection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
