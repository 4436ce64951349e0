package dev.tiffin.provider.operations;

/** The getOrSet contract on an embedded SQLite file. */
class SqliteGetOrSetTest extends GetOrSetContract {

  @Override
  String uri() {
    return "sqlite:" + home.resolve("operations.db");
  }
}
