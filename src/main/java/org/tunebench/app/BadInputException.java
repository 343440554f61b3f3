package org.tunebench.app;

/** A user mistake (arguments, names, resources) reported in one line, never with a stack trace. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
