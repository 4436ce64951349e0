package dev.tiffin.provider.operations;

/** The store operations contract on an embedded SQLite file. */
class SqliteStoreOperationsTest extends StoreOperationsContract {

  @Override
  String uri() {
    return "sqlite:" + home.resolve("operations.db");
  }
}
