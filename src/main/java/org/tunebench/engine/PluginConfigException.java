package org.tunebench.engine;

/**
 * A plug-in (scheduler, stopper, searcher) was configured wrongly. The message is one line that starts
 * with the JSON path of the offending field, so the CLI can print it as is (exit code 2).
 */
public class PluginConfigException extends IllegalArgumentException {
  private final String path;

  public PluginConfigException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** JSON path of the offending field, e.g. {@code $.scheduler.maxT} or {@code $.stop[1].type}. */
  public String path() {
    return path;
  }
}
