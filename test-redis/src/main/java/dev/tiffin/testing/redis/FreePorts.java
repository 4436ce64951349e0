package dev.tiffin.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds loopback TCP ports nobody listens on, never handing out the same port twice per JVM. */
public final class FreePorts {

  /** Redis Cluster nodes talk to each other on the client port plus this offset. */
  static final int CLUSTER_BUS_OFFSET = 10000;

  private static final int ATTEMPTS = 200;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {
  }

  /** Returns a port that is free on 127.0.0.1 right now. */
  public static int next() {
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = ephemeral();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port on 127.0.0.1 after " + ATTEMPTS + " attempts");
  }

  /** Returns a port that is free on 127.0.0.1 together with port + 10000, which a cluster node's bus uses. */
  public static int nextWithClusterBus() {
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = ephemeral();
      if (port + CLUSTER_BUS_OFFSET <= 65535 && isFree(port + CLUSTER_BUS_OFFSET)
          && !HANDED_OUT.contains(port + CLUSTER_BUS_OFFSET) && HANDED_OUT.add(port)) {
        HANDED_OUT.add(port + CLUSTER_BUS_OFFSET);
        return port;
      }
    }
    throw new IllegalStateException(
        "No free port pair (p, p+" + CLUSTER_BUS_OFFSET + ") on 127.0.0.1 after " + ATTEMPTS + " attempts");
  }

  /** Tells whether a listener could bind the port on 127.0.0.1 right now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeral() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind a port on 127.0.0.1", e);
    }
  }
}
