package org.tunebench.store;

import java.time.Instant;

/** One experiment row. {@code spec} is the spec JSON as the experiment was started; states are JSON for resume. */
public record StoredExperiment(long id, String name, String status, String metric, String mode, String spec,
    String specPath, String homeDir, Instant createdAt, Instant updatedAt, String searcherState, String schedulerState,
    String stopperState) {
  /** RUNNING or PAUSED: the statuses of an experiment that has a live owner, unless that owner died. */
  public boolean claimsAnOwner() {
    return "RUNNING".equals(status) || "PAUSED".equals(status);
  }

  /** COMPLETED or STOPPED: it stays as it is; nothing is resumed (its spec runs again only under a new name). */
  public boolean isFinished() {
    return org.tunebench.model.ExperimentStatus.parse(status).isFinished();
  }
}
