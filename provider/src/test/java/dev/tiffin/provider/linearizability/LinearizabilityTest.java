package dev.tiffin.provider.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.ChildJvms;
import dev.tiffin.provider.TiffinCachingProvider;
import dev.tiffin.testing.redis.RedisCluster;
import dev.tiffin.testing.redis.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditional operations are linearizable across JVMs: two JVMs × 2 threads run 100,000
 * {@code putIfAbsent}, {@code replace(k, old, new)}, {@code getAndPut}, {@code remove(k, v)} and
 * {@code get} on 8 keys, and every key's history is checked for a legal one-at-a-time order.
 */
class LinearizabilityTest {

  private static final int JVMS = 2;
  private static final int THREADS = 2;
  private static final int OPERATIONS_PER_THREAD = 25_000;
  private static final int KEYS = 8;

  @TempDir
  Path folder;

  @Test
  void theCheckerFindsAnImpossibleHistory() {
    // Both reads return before the write is called, yet one of them saw its value.
    List<RegisterOp> impossible = List.of(
        new RegisterOp("k", RegisterOp.Kind.GET, null, null, "x", 0, 10),
        new RegisterOp("k", RegisterOp.Kind.PUT_IF_ABSENT, "x", null, "true", 20, 30));
    assertFalse(LinearizabilityChecker.isLinearizable(impossible));
    List<RegisterOp> overlapping = List.of(
        new RegisterOp("k", RegisterOp.Kind.GET, null, null, "x", 0, 25),
        new RegisterOp("k", RegisterOp.Kind.PUT_IF_ABSENT, "x", null, "true", 20, 30),
        new RegisterOp("k", RegisterOp.Kind.REPLACE, "y", "x", "true", 31, 40),
        new RegisterOp("k", RegisterOp.Kind.REMOVE, "x", null, "false", 41, 50),
        new RegisterOp("k", RegisterOp.Kind.GET_AND_PUT, "z", null, "y", 45, 60));
    assertTrue(LinearizabilityChecker.isLinearizable(overlapping));
    List<RegisterOp> lostUpdate = List.of(
        new RegisterOp("k", RegisterOp.Kind.PUT_IF_ABSENT, "a", null, "true", 0, 10),
        new RegisterOp("k", RegisterOp.Kind.PUT_IF_ABSENT, "b", null, "true", 5, 15));
    assertFalse(LinearizabilityChecker.isLinearizable(lostUpdate), "two putIfAbsent cannot both win");
  }

  @Test
  void onSqlite() throws Exception {
    assertLinearizable("sqlite:" + folder.resolve("shared.db"));
  }

  @Test
  void onRedis() throws Exception {
    try (RedisServer server = RedisServer.start(folder.resolve("redis"))) {
      assertLinearizable(server.uri());
    }
  }

  @Test
  void onRedisCluster() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(folder.resolve("cluster"), 3)) {
      assertLinearizable(cluster.uri());
    }
  }

  private void assertLinearizable(String uri) throws Exception {
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      provider.getCacheManager(URI.create(uri), null).createCache("register", HistoryWorker.configuration()).clear();
    }
    ChildJvms.runTogether(folder, HistoryWorker.class, uri, JVMS, worker -> List.of(history(uri, worker).toString(),
        "jvm" + worker, Integer.toString(THREADS), Integer.toString(OPERATIONS_PER_THREAD), Integer.toString(KEYS)));
    List<RegisterOp> all = new ArrayList<>();
    for (int i = 0; i < JVMS; i++) {
      Files.readAllLines(history(uri, i)).forEach(line -> all.add(RegisterOp.parse(line)));
    }
    assertEquals(JVMS * THREADS * OPERATIONS_PER_THREAD, all.size());
    Map<String, List<RegisterOp>> byKey = all.stream()
        .collect(Collectors.groupingBy(RegisterOp::key, TreeMap::new, Collectors.toList()));
    List<String> violations = byKey.entrySet().stream()
        .filter(key -> !LinearizabilityChecker.isLinearizable(key.getValue())).map(Map.Entry::getKey).toList();
    long succeeded = all.stream().filter(op -> "true".equals(op.result())).count();
    System.out.println("Linearizability on " + uri + ": " + all.size() + " operations on " + byKey.size()
        + " keys (" + succeeded + " conditional writes succeeded), violations: " + violations.size());
    assertEquals(List.of(), violations, "keys whose history has no legal order");
  }

  private Path history(String uri, int worker) {
    return folder.resolve("history-" + Math.abs(uri.hashCode()) + "-" + worker + ".tsv");
  }
}
