package org.tunebench.engine;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import org.tunebench.engine.schedule.SchedulerContext;
import org.tunebench.engine.schedule.TrialView;
import org.tunebench.model.ExperimentSpec;

/** What schedulers may ask of the driver; called on the loop thread while they handle an event. */
final class DriverSchedulerContext implements SchedulerContext {
  private static final Logger LOG = Logger.getLogger(DriverSchedulerContext.class.getName());
  private final ExperimentSpec spec;
  private final TrialRegistry registry;
  private final CheckpointManager checkpoints;
  private final BiConsumer<Trial, String> stop;

  DriverSchedulerContext(ExperimentSpec spec, TrialRegistry registry, CheckpointManager checkpoints,
      BiConsumer<Trial, String> stop) {
    this.spec = spec;
    this.registry = registry;
    this.checkpoints = checkpoints;
    this.stop = stop;
  }

  @Override public List<TrialView> trials() {
    return List.copyOf(registry.all());
  }

  /** PBT exploit: remembered on the trial and applied by the driver when it replies to the current result. */
  @Override public void exploit(String trialId, String donorId, Map<String, Object> newConfig) {
    Trial t = registry.find(trialId);
    CheckpointRef c = checkpoints.restorePoint(registry.find(donorId));
    if (c == null) {
      LOG.info(() -> "PBT: donor " + donorId + " has no checkpoint yet; " + trialId + " keeps its own");
      t.exploitRefused = true;
      return;
    }
    t.exploit = new Trial.Exploit(donorId, c, ConfigMaps.copy(newConfig));
  }

  @Override public void stopTrial(String trialId) {
    stop.accept(registry.find(trialId), "stopped early by " + spec.scheduler().type() + " scheduler");
  }

  @Override public void completeTrial(String trialId, String reason) {
    stop.accept(registry.find(trialId), reason);
  }

  @Override public void checkpointNow(String trialId) {
    registry.find(trialId).checkpointRequested = true;
  }

  @Override public String metric() {
    return spec.metric();
  }

  @Override public ExperimentSpec.Mode mode() {
    return spec.mode();
  }
}
