package org.tunebench.model;

/**
 * A user error in an experiment spec. The message is one line: the JSON path, a colon, what is wrong and
 * what is allowed, so the CLI can print it as is (exit code 2) and the GUI can put it next to the field.
 */
public final class SpecException extends RuntimeException {
  private final String path;

  public SpecException(String path, String detail) {
    super(path + ": " + oneLine(detail));
    this.path = path;
  }

  /** The JSON path of the offending field, e.g. {@code $.space.eta.loguniform}. */
  public String path() {
    return path;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
