package dev.tiffin.cli;

import dev.tiffin.api.TiffinCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.cache.CacheManager;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Cache statistics: a running application's, read from its statistics MXBeans over JMX, or else
 * what the store itself can tell (entries per cache).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Show cache statistics: a running application's over --jmx, else entries per cache.")
final class StatsCommand extends StoreCommand {

  private static final List<String> ATTRIBUTES = List.of("CacheGets", "CacheHits", "CacheMisses", "CachePuts",
      "CacheRemovals", "AverageGetTime", "AveragePutTime", "AverageRemoveTime");

  @Parameters(arity = "0..1", paramLabel = "<cache>", description = "one cache (default: all)")
  String cache;

  @Option(names = "--jmx", paramLabel = "<host:port>", description = "the JMX port of a running application")
  String jmx;

  @Override
  public Integer call() throws Exception {
    Output output = output();
    if (jmx != null) {
      fromJmx(output);
      return 0;
    }
    try (Target opened = target) {
      CacheManager manager = target.manager();
      List<List<?>> rows = new ArrayList<>();
      for (String name : manager.getCacheNames()) {
        if (cache == null || cache.equals(name)) {
          rows.add(List.of(name, CachesCommand.count(manager.getCache(name).unwrap(TiffinCache.class).keys("*"))));
        }
      }
      if (cache != null && rows.isEmpty()) {
        Caches.existing(manager, cache);
      }
      output.table(List.of("cache", "entries"), rows);
      output.note("(hits, misses and times live in the application that uses the cache: ask it with --jmx host:port)");
      return 0;
    }
  }

  private void fromJmx(Output output) throws IOException, javax.management.JMException {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + jmx + "/jmxrmi");
    JMXConnector connector;
    try {
      connector = JMXConnectorFactory.connect(url);
    } catch (IOException e) {
      throw new IOException("cannot reach JMX at " + jmx + " (" + e.getMessage()
          + "); start the application with -Dcom.sun.management.jmxremote.port=<port>", e);
    }
    try (connector) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      List<List<?>> rows = new ArrayList<>();
      for (ObjectName name : server.queryNames(new ObjectName("javax.cache:type=CacheStatistics,*"), null)) {
        String cacheName = name.getKeyProperty("Cache");
        if (cache != null && !cache.equals(cacheName)) {
          continue;
        }
        List<Object> row = new ArrayList<>();
        row.add(name.getKeyProperty("CacheManager"));
        row.add(cacheName);
        for (String attribute : ATTRIBUTES) {
          row.add(server.getAttribute(name, attribute));
        }
        rows.add(row);
      }
      List<String> header = new ArrayList<>(List.of("manager", "cache"));
      header.addAll(List.of("gets", "hits", "misses", "puts", "removals", "avg get µs", "avg put µs",
          "avg remove µs"));
      output.table(header, rows);
      if (rows.isEmpty()) {
        output.note("no cache with statistics enabled there (setStatisticsEnabled(true) or tiffin.cache.<name>.statistics)");
      }
    }
  }
}
