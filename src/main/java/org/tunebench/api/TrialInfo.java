package org.tunebench.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the running trial may know about itself, reachable from both APIs: {@code TrialInfo.current()} in a
 * {@link Trainable} or a {@link TrainFunction}. {@code gpuIds} are the GPUs reserved to this trial (the same ids
 * the worker's {@code CUDA_VISIBLE_DEVICES} lists; empty for {@code gpu: 0}); trials with fractional GPUs may
 * share an id.
 */
public record TrialInfo(String trialId, Path trialDir, List<String> gpuIds) {
  /** System properties the worker sets for the trial it runs (one trial at a time per worker JVM). */
  public static final String ID_PROPERTY = "tunebench.trial.id";
  public static final String DIR_PROPERTY = "tunebench.trial.dir";
  public static final String GPUS_PROPERTY = "tunebench.trial.gpuIds";

  public TrialInfo {
    gpuIds = List.copyOf(gpuIds);
  }

  /** The trial this worker runs now; IllegalStateException outside a Tunebench worker. */
  public static TrialInfo current() {
    String id = System.getProperty(ID_PROPERTY);
    String dir = System.getProperty(DIR_PROPERTY);
    if (id == null || dir == null) throw new IllegalStateException("TrialInfo.current(): not inside a Tunebench trial");
    String gpus = System.getProperty(GPUS_PROPERTY, "");
    List<String> ids = gpus.isBlank() ? List.of() : Arrays.stream(gpus.split(",")).map(String::trim).toList();
    return new TrialInfo(id, Path.of(dir), ids);
  }
}
