package dev.tiffin.provider.linearizability;

import dev.tiffin.provider.TiffinCachingProvider;
import java.io.BufferedWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;

/**
 * A child JVM: a few threads run random conditional operations on a few keys, each recording what it
 * asked, what it got and when; the history goes to a file for the checker.
 *
 * <p>Arguments: store URI, go file, ready file, history file, worker name, threads, operations per thread, keys.
 */
public final class HistoryWorker {

  private HistoryWorker() {
  }

  static MutableConfiguration<String, String> configuration() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    Path go = Path.of(args[1]);
    String name = args[4];
    int threads = Integer.parseInt(args[5]);
    int operations = Integer.parseInt(args[6]);
    int keys = Integer.parseInt(args[7]);
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("register", configuration());
      cache.containsKey("warm-up");
      Files.createFile(Path.of(args[2]));
      dev.tiffin.provider.ChildJvms.awaitGo(go);
      List<List<RegisterOp>> histories = new ArrayList<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<RegisterOp> history = new ArrayList<>(operations);
        histories.add(history);
        String writer = name + "-" + t;
        workers.add(new Thread(() -> run(cache, writer, operations, keys, history)));
      }
      workers.forEach(Thread::start);
      for (Thread worker : workers) {
        worker.join();
      }
      try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
        for (List<RegisterOp> history : histories) {
          for (RegisterOp op : history) {
            out.write(op.toLine());
            out.newLine();
          }
        }
      }
    }
  }

  private static void run(Cache<String, String> cache, String writer, int operations, int keys,
      List<RegisterOp> history) {
    SplittableRandom random = new SplittableRandom(writer.hashCode());
    String[] lastSeen = new String[keys];
    for (int n = 0; n < operations; n++) {
      int k = random.nextInt(keys);
      String key = "k" + k;
      String value = writer + "-" + n;
      // Conditional operations compare against a value this thread saw last, so that some succeed.
      String seen = lastSeen[k] != null ? lastSeen[k] : value;
      RegisterOp.Kind kind = RegisterOp.Kind.values()[random.nextInt(RegisterOp.Kind.values().length)];
      long call = System.nanoTime();
      String result;
      String argument = value;
      String expected = null;
      switch (kind) {
        case GET -> result = cache.get(key);
        case PUT_IF_ABSENT -> result = Boolean.toString(cache.putIfAbsent(key, value));
        case REPLACE -> {
          expected = seen;
          result = Boolean.toString(cache.replace(key, seen, value));
        }
        case GET_AND_PUT -> result = cache.getAndPut(key, value);
        default -> {
          argument = seen;
          result = Boolean.toString(cache.remove(key, seen));
        }
      }
      long ret = System.nanoTime();
      history.add(new RegisterOp(key, kind, argument, expected, result, call, ret));
      if (kind == RegisterOp.Kind.GET || kind == RegisterOp.Kind.GET_AND_PUT) {
        lastSeen[k] = result;
      } else if (Boolean.parseBoolean(result) && kind != RegisterOp.Kind.REMOVE) {
        lastSeen[k] = value;
      }
    }
  }
}
