package dev.tiffin.provider.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.cache.CacheException;

/**
 * The signing key of a SQLite store nobody gave one: generated on first use and kept beside the
 * database file, readable only by its owner, so every JVM that opens the file shares it.
 */
public final class SigningKeyFile {

  private static final System.Logger LOG = System.getLogger(SigningKeyFile.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SigningKeyFile() {
  }

  /** Where the key of the database {@code database} lives. */
  public static Path beside(Path database) {
    return database.resolveSibling(database.getFileName() + ".signing-key");
  }

  /**
   * Reads the key file, creating it first when it does not exist; {@code setting} names the
   * setting that would make the file unnecessary, for error messages.
   */
  public static String loadOrCreate(Path file, String setting) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (key.length() < SigningKeys.MIN_LENGTH) {
        throw new CacheException("The signing key file " + file + " is damaged (too short); delete it to have a"
            + " new one generated (values signed with the old key are then recomputed) or set " + setting);
      }
      return key;
    } catch (IOException e) {
      throw new CacheException("Could not read or create the signing key file " + file + " (" + e
          + "); make its folder writable by this user, or set " + setting, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp", ownerOnly(folder));
    try {
      Files.writeString(temporary, key, StandardCharsets.US_ASCII);
      // A hard link never replaces an existing file, so when two JVMs race, both end up on the first key.
      Files.createLink(file, temporary);
      LOG.log(System.Logger.Level.INFO, "Generated the signing key " + file);
    } catch (FileAlreadyExistsException e) {
      // Another JVM was first: use its key.
    } catch (UnsupportedOperationException e) {
      try {
        Files.move(temporary, file);
      } catch (FileAlreadyExistsException raced) {
        // Another JVM was first: use its key.
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path folder) {
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
  }
}
