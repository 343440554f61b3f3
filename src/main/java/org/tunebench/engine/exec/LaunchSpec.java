package org.tunebench.engine.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything a worker needs to run one attempt of one trial. {@code restore} may be null. */
public record LaunchSpec(
    String trialId,
    long attempt,
    Path jar,
    String className,
    Map<String, Object> config,
    Path trialDir,
    Path restore,
    List<String> jvmArgs,
    int memoryMb) {

  /** Workers are reused only for trials that would start an identical JVM. */
  public WorkerKey key() {
    return new WorkerKey(jar, List.copyOf(jvmArgs), memoryMb);
  }

  public record WorkerKey(Path jar, List<String> jvmArgs, int memoryMb) {}
}
