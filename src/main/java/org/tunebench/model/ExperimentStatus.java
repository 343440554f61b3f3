package org.tunebench.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * An experiment's status (contract section 6), with the moves its live owner may make. A finished experiment
 * (COMPLETED, STOPPED) goes back to RUNNING only when a user extends or restarts one of its trials, and is never
 * rewritten as INTERRUPTED when its owner closes.
 */
public enum ExperimentStatus {
  CREATED, RUNNING, PAUSED, COMPLETED, STOPPED, INTERRUPTED;

  public Set<ExperimentStatus> next() {
    return switch (this) {
      case CREATED -> EnumSet.of(RUNNING, STOPPED, INTERRUPTED);
      case RUNNING -> EnumSet.of(PAUSED, COMPLETED, STOPPED, INTERRUPTED);
      case PAUSED -> EnumSet.of(RUNNING, STOPPED, INTERRUPTED);
      case COMPLETED, STOPPED -> EnumSet.of(RUNNING);
      case INTERRUPTED -> EnumSet.of(RUNNING);
    };
  }

  public boolean canMoveTo(ExperimentStatus to) {
    return next().contains(to);
  }

  /** Ended by itself or by its user: closing its owner leaves it as it is. */
  public boolean isFinished() {
    return this == COMPLETED || this == STOPPED;
  }

  /** Reads a stored status; statuses written by older versions map to their nearest meaning. */
  public static ExperimentStatus parse(String s) {
    if (s == null) return CREATED;
    return switch (s) {
      case "TERMINATED", "FINISHED", "DONE" -> COMPLETED;
      default -> {
        try {
          yield valueOf(s);
        } catch (IllegalArgumentException e) {
          yield INTERRUPTED;
        }
      }
    };
  }
}
