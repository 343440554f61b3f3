package org.tunebench.model;

import java.util.EnumSet;
import java.util.Set;

/** A trial's lifecycle status, with the moves the driver may make between them (Ray Tune's lifecycle). */
public enum TrialStatus {
  PENDING, RUNNING, PAUSED, TERMINATED, ERRORED;

  /** Legal next statuses. ERRORED and TERMINATED go back to PENDING only through retry, restart or extend. */
  public Set<TrialStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING, PAUSED, TERMINATED, ERRORED);
      case RUNNING -> EnumSet.of(PENDING, PAUSED, TERMINATED, ERRORED);
      case PAUSED -> EnumSet.of(PENDING, TERMINATED, ERRORED);
      case TERMINATED -> EnumSet.of(PENDING);
      case ERRORED -> EnumSet.of(PENDING, TERMINATED);
    };
  }

  public boolean canMoveTo(TrialStatus to) {
    return next().contains(to);
  }

  /** Finished: holds no resources and will not run again unless a user restarts or extends it. */
  public boolean isFinished() {
    return this == TERMINATED || this == ERRORED;
  }
}
