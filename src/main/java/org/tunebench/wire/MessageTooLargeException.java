package org.tunebench.wire;

import java.io.IOException;

/** A wire message over the size limit; {@code bytes} is its full size when known, else a lower bound. */
public final class MessageTooLargeException extends IOException {
  private final String type;
  private final long bytes;
  private final long limit;

  public MessageTooLargeException(String type, long bytes, boolean exact, long limit) {
    super((type == null || type.isEmpty() ? "message" : type) + " too large: " + (exact ? "" : "more than ")
        + bytes + " bytes, limit " + limit);
    this.type = type;
    this.bytes = bytes;
    this.limit = limit;
  }

  /** The message type read from its first bytes, or null when it could not be seen. */
  public String type() {
    return type;
  }

  public long bytes() {
    return bytes;
  }

  public long limit() {
    return limit;
  }
}
