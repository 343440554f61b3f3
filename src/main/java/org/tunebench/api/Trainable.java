package org.tunebench.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * Class API: the driver calls {@link #step()} once per training iteration, in the worker process.
 * One instance serves one trial (or several in a row when {@link #resetConfig} accepts a new config).
 */
public interface Trainable {
  default void setup(Config config) throws Exception {}

  /** One iteration's metrics. A map holding {@code "done": true} ends the trial. */
  Map<String, Object> step() throws Exception;

  default void saveCheckpoint(Path dir) throws Exception {}

  default void loadCheckpoint(Path dir) throws Exception {}

  /** Return true when this instance took the new config in place (saves a worker restart, e.g. in PBT). */
  default boolean resetConfig(Config newConfig) throws Exception { return false; }

  default void cleanup() throws Exception {}
}
