package org.tunebench.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tunebench.engine.exec.WorkerHandle;
import org.tunebench.engine.exec.WorkerListener;

/** Turns one attempt's worker traffic into typed events on the driver's loop. */
final class TrialWorkerListener implements WorkerListener {
  private final TuneController driver;
  private final Trial trial;
  private final long attempt;

  TrialWorkerListener(TuneController driver, Trial trial, long attempt) {
    this.driver = driver;
    this.trial = trial;
    this.attempt = attempt;
  }

  @Override public void onMessage(WorkerHandle worker, ObjectNode message) {
    WorkerMessage m = WorkerMessage.parse(message);
    driver.post(() -> driver.onWorkerMessage(trial, attempt, m));
  }

  @Override public void onCheckpointTravelling(WorkerHandle worker) {
    driver.post(() -> driver.onCheckpointTravelling(trial, attempt));
  }

  @Override public void onExit(WorkerHandle worker, String description) {
    driver.post(() -> driver.onWorkerExit(trial, attempt, worker, description));
  }
}
