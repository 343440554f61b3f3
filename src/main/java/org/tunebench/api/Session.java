package org.tunebench.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The function API's line to the driver. */
public interface Session {
  /** Blocks until the driver has taken (and stored) the result. */
  void report(Map<String, Object> metrics);

  /** As {@link #report(Map)}, with a checkpoint the user wrote to {@code checkpointDir}; the driver keeps a copy. */
  void report(Map<String, Object> metrics, Path checkpointDir);

  /** Where to restore from when this trial is resumed or retried; empty on a fresh start. */
  Optional<Path> checkpoint();

  String trialId();

  Path trialDir();
}
