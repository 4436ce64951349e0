package dev.tiffin.provider.store.sqlite;

import dev.tiffin.spi.StoredEntry;
import java.util.Arrays;

/**
 * The statements of {@link SqliteStore}, over one table {@code tiffin_entries(key BLOB PRIMARY KEY,
 * value BLOB, expires_at INTEGER)}: each conditional change is a single statement, so it stays
 * atomic when several JVMs share the file.
 */
final class SqliteSql {

  static final String TABLE = "tiffin_entries";
  static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE
      + " (key BLOB PRIMARY KEY, value BLOB NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID";
  /** A partial index: eternal entries, the common case, cost no index write. */
  static final String CREATE_EXPIRY_INDEX = "CREATE INDEX IF NOT EXISTS " + TABLE + "_expiry ON " + TABLE
      + " (expires_at) WHERE expires_at < " + StoredEntry.ETERNAL;
  static final String GET = "SELECT value, expires_at FROM " + TABLE + " WHERE key = ?";
  static final String PUT = "INSERT INTO " + TABLE + " (key, value, expires_at) VALUES (?1, ?2, ?3)"
      + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = CASE"
      + " WHEN " + TABLE + ".expires_at <= ?4 THEN excluded.expires_at"
      + " WHEN ?5 < 0 THEN " + TABLE + ".expires_at ELSE ?5 END";
  /**
   * One upsert adds to a counter: an absent or expired row starts again from the delta; a live one
   * is changed only when it holds a decimal integer whose sum stays within ?5..?6, else no row comes back.
   */
  static final String INCREMENT = "INSERT INTO " + TABLE + " (key, value, expires_at)"
      + " VALUES (?1, CAST(CAST(?2 AS TEXT) AS BLOB), ?3) ON CONFLICT (key) DO UPDATE SET"
      + " value = CAST(CAST(CASE WHEN " + TABLE + ".expires_at <= ?4 THEN ?2"
      + " ELSE CAST(CAST(" + TABLE + ".value AS TEXT) AS INTEGER) + ?2 END AS TEXT) AS BLOB),"
      + " expires_at = CASE WHEN " + TABLE + ".expires_at <= ?4 THEN ?3 ELSE " + TABLE + ".expires_at END"
      + " WHERE " + TABLE + ".expires_at <= ?4"
      + " OR (CAST(CAST(CAST(" + TABLE + ".value AS TEXT) AS INTEGER) AS TEXT) = CAST(" + TABLE + ".value AS TEXT)"
      + " AND CAST(CAST(" + TABLE + ".value AS TEXT) AS INTEGER) BETWEEN ?5 AND ?6)"
      + " RETURNING CAST(value AS TEXT)";
  static final String INSERT_IF_ABSENT = "INSERT OR IGNORE INTO " + TABLE
      + " (key, value, expires_at) VALUES (?, ?, ?)";
  static final String REPLACE_IF = "UPDATE " + TABLE + " SET value = ?1,"
      + " expires_at = CASE WHEN ?2 < 0 THEN expires_at ELSE ?2 END WHERE key = ?3 AND value = ?4";
  static final String REMOVE_IF = "DELETE FROM " + TABLE + " WHERE key = ? AND value = ?";
  static final String TOUCH_IF = "UPDATE " + TABLE + " SET expires_at = ? WHERE key = ? AND value = ?"
      + " AND expires_at > ?";
  static final String REMOVE_LIVE = "DELETE FROM " + TABLE + " WHERE key = ? AND expires_at > ?";
  static final String SCAN_FIRST = "SELECT key, value, expires_at FROM " + TABLE
      + " WHERE key >= ? AND key < ? ORDER BY key LIMIT ?";
  static final String SCAN_NEXT = "SELECT key, value, expires_at FROM " + TABLE
      + " WHERE key > ? AND key < ? ORDER BY key LIMIT ?";
  static final String CLEAR = "DELETE FROM " + TABLE + " WHERE key >= ? AND key < ?";
  static final String SWEEP = "DELETE FROM " + TABLE + " WHERE key IN (SELECT key FROM " + TABLE
      + " WHERE expires_at <= ? LIMIT ?)";

  /** The smallest key greater than every key that starts with {@code prefix}. */
  static byte[] upperBound(byte[] prefix) {
    byte[] bound = Arrays.copyOf(prefix, prefix.length);
    for (int i = bound.length - 1; i >= 0; i--) {
      if (bound[i] != (byte) 0xFF) {
        bound[i]++;
        return Arrays.copyOf(bound, i + 1);
      }
    }
    throw new IllegalArgumentException("a prefix of only 0xFF bytes has no upper bound");
  }

  private SqliteSql() {
  }
}
