package dev.tiffin.provider.store.sqlite;

import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.spi.InvalidationBus;
import java.util.List;
import java.util.function.Supplier;

/**
 * SQLite's invalidations: members in this JVM hear each other at once, and every member hears what
 * other processes changed from the database's {@link SqliteChangeLog}, within its poll interval.
 */
final class SqliteInvalidationBus implements InvalidationBus {

  private final InProcessInvalidationBus inJvm;
  private final Supplier<SqliteChangeLog> changeLog;

  /** A bus over {@code inJvm}, whose members hear {@code changeLog}: got (and made) when the first one joins. */
  SqliteInvalidationBus(InProcessInvalidationBus inJvm, Supplier<SqliteChangeLog> changeLog) {
    this.inJvm = inJvm;
    this.changeLog = changeLog;
  }

  /** Only this JVM needs telling: the database logs every write for other processes, announced or not. */
  @Override
  public Membership announce(String channel) {
    return inJvm.announce(channel);
  }

  @Override
  public Membership join(String channel, Listener listener) {
    SqliteChangeLog log = changeLog.get();
    Membership local = inJvm.join(channel, listener);
    log.listen(listener);
    return new Membership() {
      @Override
      public void publish(List<byte[]> keys) {
        // Other processes need no message: the database logged the change in the writing transaction.
        local.publish(keys);
      }

      @Override
      public void publishFlush() {
        local.publishFlush();
      }

      @Override
      public boolean isOnline() {
        return log.isOnline();
      }

      @Override
      public void close() {
        log.unlisten(listener);
        local.close();
      }
    };
  }
}
