package org.tunebench.worker;

/** Wraps what the user's code threw, with the API call it was in ("setup", "step", ...). */
final class UserCodeException extends Exception {
  final String phase;

  UserCodeException(String phase, Throwable cause) {
    super(cause);
    this.phase = phase;
  }
}
