package org.tunebench.store;

/**
 * The database is open in another process that does not answer (stopped with SIGSTOP, hung, or its machine is
 * swapping): H2 waits for that process without a timeout, so opening gives up here instead of hanging the command.
 */
public final class DatabaseBusyException extends RuntimeException {
  public DatabaseBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
