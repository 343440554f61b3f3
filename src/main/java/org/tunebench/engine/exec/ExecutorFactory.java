package org.tunebench.engine.exec;

import java.nio.file.Path;
import org.tunebench.model.ExperimentSpec;

/** Makes the executor that runs an experiment's trials: local child JVMs by default, or a cluster's agents. */
@FunctionalInterface
public interface ExecutorFactory {
  /** Child JVMs on this machine, with their logs under {@code experimentDir/workers}. */
  ExecutorFactory LOCAL = (spec, experimentDir) -> new LocalProcessExecutor(experimentDir.resolve("workers"));

  TrialExecutor create(ExperimentSpec spec, Path experimentDir);
}
