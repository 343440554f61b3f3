package org.tunebench.store;

/** The path given for the database can't hold one (a folder, a foreign file, no write access): a user mistake. */
public final class DatabaseUnusableException extends RuntimeException {
  public DatabaseUnusableException(String message) {
    super(message);
  }
}
