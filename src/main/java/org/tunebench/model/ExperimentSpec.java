package org.tunebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One experiment as the user specified it (contract section 3), validated and with defaults filled in.
 * {@code search.params}, {@code scheduler.params} and {@code stop} are kept as JSON: their allowed keys
 * belong to the engine's plug-in registries, which validate them and name the JSON path on error.
 */
public record ExperimentSpec(
    String name,
    Trainable trainable,
    SearchSpace space,
    String metric,
    Mode mode,
    int numSamples,
    Search search,
    Scheduler scheduler,
    JsonNode stop,
    Double timeBudgetS,
    Resources resourcesPerTrial,
    int maxConcurrentTrials,
    Checkpoint checkpoint,
    Failure failure,
    List<String> jvmArgs,
    JsonNode source,
    List<Objective> objectives) {

  /**
   * One objective of a multi-objective experiment ({@code "metric": [..], "mode": [..]}, contract section 6).
   * {@link #metric()} and {@link #mode()} are the first objective's, for everything that ranks by one metric.
   */
  public record Objective(String metric, Mode mode) {}

  public ExperimentSpec {
    objectives = objectives == null ? List.of(new Objective(metric, mode)) : List.copyOf(objectives);
    if (objectives.isEmpty() || !java.util.Objects.equals(objectives.get(0).metric(), metric) || objectives.get(0).mode() != mode) {
      throw new IllegalArgumentException("the first objective must be metric " + metric + " " + mode + ", got " + objectives);
    }
  }

  /** A single-objective spec. A copy of a spec must pass {@link #objectives()} to the canonical constructor. */
  public ExperimentSpec(String name, Trainable trainable, SearchSpace space, String metric, Mode mode, int numSamples,
      Search search, Scheduler scheduler, JsonNode stop, Double timeBudgetS, Resources resourcesPerTrial,
      int maxConcurrentTrials, Checkpoint checkpoint, Failure failure, List<String> jvmArgs, JsonNode source) {
    this(name, trainable, space, metric, mode, numSamples, search, scheduler, stop, timeBudgetS, resourcesPerTrial,
        maxConcurrentTrials, checkpoint, failure, jvmArgs, source, null);
  }

  /** True with two or more objectives. */
  public boolean multiObjective() {
    return objectives.size() > 1;
  }

  /**
   * {@code stepTimeoutS} (contract section 6): the longest a step (class API) or the time between two reports
   * (function API) may take before the trial errors; null = no limit. Read from the source so the record's
   * shape stays as it is for code that builds specs.
   */
  public Double stepTimeoutS() {
    JsonNode v = source == null ? null : source.get("stepTimeoutS");
    return v == null || v.isNull() ? null : v.asDouble();
  }

  public enum Mode {
    MIN, MAX;

    /** True when {@code a} is better than {@code b}. */
    public boolean better(double a, double b) {
      return this == MIN ? a < b : a > b;
    }

    public String json() {
      return name().toLowerCase();
    }
  }

  /** {@code jar} is absolute (resolved against the spec file's folder); {@code className} may be null. */
  public record Trainable(Path jar, String className) {}

  /** {@code type} one of random, grid, tpe, gp, nsga2 or a plug-in type; {@code params} holds every other key of the object. */
  public record Search(String type, Long seed, ObjectNode params) {}

  /** {@code type} one of fifo, asha, hyperband, median, pbt; {@code params} holds every other key. */
  public record Scheduler(String type, ObjectNode params) {}

  public record Resources(double cpu, double gpu, int memoryMb) {}

  /** frequency 0 = only on pause and (if atEnd) at the end; numToKeep 0 = keep all. */
  public record Checkpoint(int frequency, boolean atEnd, int numToKeep) {}

  public record Failure(int maxRetries) {}
}
