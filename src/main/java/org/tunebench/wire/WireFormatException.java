package org.tunebench.wire;

import java.io.IOException;

/** A complete line arrived but it is not a wire message (not JSON, not an object). */
public final class WireFormatException extends IOException {
  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
