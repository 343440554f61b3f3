package org.tunebench.engine;

/**
 * The experiment-wide switches the loop and the user's commands share; read and written on the loop only.
 */
final class DriverFlags {
  /** The whole experiment is paused: nothing new starts but the trials their user resumed one by one. */
  boolean paused;
  /** The experiment is being stopped: its trials end, nothing new starts. */
  boolean stopping;
  /** Set by a stop of the whole experiment: the searcher suggests nothing more, even if trials run again. */
  boolean searchClosed;
  /** Why the experiment was stopped, once it was. */
  String endReason;
  /** At most this many trials run at once; 0: as many as the resources allow. */
  int maxConcurrent;
  /** The scheduler or stoppers changed since their last save. */
  boolean schedulerDirty;

  DriverFlags(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }
}
