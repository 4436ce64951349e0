package dev.tiffin.provider.operations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The namespace contract on an embedded SQLite file, where the background reclamation is watched too. */
class SqliteNamespaceTest extends NamespaceContract {

  @Override
  String uri() {
    return "sqlite:" + home.resolve("operations.db");
  }

  @Override
  void awaitReclaimed(int count) throws Exception {
    await(() -> rows() < count, "reclaimed");
  }

  private long rows() {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("operations.db"));
         Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM tiffin_entries")) {
      return result.next() ? result.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
