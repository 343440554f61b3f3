package org.tunebench.engine.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a worker needs to run one attempt of one trial. {@code restore} may be null. {@code gpuIds} are the
 * GPUs reserved to the trial (the pool's allocation): the worker gets {@code CUDA_VISIBLE_DEVICES} set to them,
 * empty for none; null means "not assigned by the caller" and leaves the variable as the driver has it.
 */
public record LaunchSpec(
    String trialId,
    long attempt,
    Path jar,
    String className,
    Map<String, Object> config,
    Path trialDir,
    Path restore,
    List<String> jvmArgs,
    int memoryMb,
    List<String> gpuIds) {

  public LaunchSpec {
    if (gpuIds != null) gpuIds = List.copyOf(gpuIds);
  }

  /** Without GPU ids: kept for callers that do not assign GPUs yet. */
  public LaunchSpec(String trialId, long attempt, Path jar, String className, Map<String, Object> config,
      Path trialDir, Path restore, List<String> jvmArgs, int memoryMb) {
    this(trialId, attempt, jar, className, config, trialDir, restore, jvmArgs, memoryMb, null);
  }

  /** Workers are reused only for trials that would start an identical JVM (GPU ids are in its environment). */
  public WorkerKey key() {
    return new WorkerKey(jar, List.copyOf(jvmArgs), memoryMb, gpuIds);
  }

  public record WorkerKey(Path jar, List<String> jvmArgs, int memoryMb, List<String> gpuIds) {}
}
