package dev.tiffin.provider.store.sqlite;

import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.spi.InvalidationBus;
import java.util.List;

/**
 * SQLite's invalidations: members in this JVM hear each other at once, and every member hears what
 * other processes changed from the database's {@link SqliteChangeLog}, within its poll interval.
 */
final class SqliteInvalidationBus implements InvalidationBus {

  private final InProcessInvalidationBus inJvm;
  private final SqliteChangeLog log;

  SqliteInvalidationBus(InProcessInvalidationBus inJvm, SqliteChangeLog log) {
    this.inJvm = inJvm;
    this.log = log;
  }

  @Override
  public Membership join(String channel, Listener listener) {
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
