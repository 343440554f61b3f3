package org.tunebench.engine;

import java.time.Clock;
import java.util.List;
import org.tunebench.model.ExperimentStatus;

/**
 * The one place where the experiment's status changes. Only its live owner (the driver) holds one, and a
 * move {@link ExperimentStatus#next()} does not allow is refused, so closing a workbench tab can never
 * rewrite a COMPLETED experiment as INTERRUPTED.
 */
final class ExperimentLifecycle {
  private final ExperimentJournal journal;
  private final List<EngineListener> listeners;
  private final Clock clock;
  private ExperimentStatus status;

  ExperimentLifecycle(ExperimentStatus initial, ExperimentJournal journal, List<EngineListener> listeners, Clock clock) {
    this.status = initial;
    this.journal = journal;
    this.listeners = listeners;
    this.clock = clock;
  }

  ExperimentStatus status() {
    return status;
  }

  /** Moves to {@code to} if that is legal; returns whether it moved. Staying where it is is a no-op. */
  boolean moveTo(ExperimentStatus to, String reason) {
    if (to == status || !status.canMoveTo(to)) return false;
    status = to;
    journal.experimentStatus(to.name(), clock.instant());
    for (EngineListener l : listeners) l.experimentStatus(to.name(), reason);
    return true;
  }
}
