package org.tunebench.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.ExperimentClock;
import org.tunebench.ui.session.ExperimentSession;
import org.tunebench.ui.session.TrialRow;

/** The status bar's sentences for one session: progress, running, elapsed, ETA. Toolkit-free. */
public final class StatusText {
  private StatusText() {}

  public static long expectedTrials(ExperimentSession s) {
    long grid = Math.max(1, s.spec().space().gridSize());
    return Math.max(s.table().rows().size(), s.spec().numSamples() * grid);
  }

  public static String progress(ExperimentSession s) {
    long done = s.table().count(TrialStatus.TERMINATED) + s.table().count(TrialStatus.ERRORED);
    return done + "/" + expectedTrials(s) + " done";
  }

  public static String elapsed(ExperimentSession s, Instant now) {
    if (s.startedAt() == null) return "elapsed –";
    return "elapsed " + ExperimentClock.hms(ExperimentClock.elapsed(s.startedAt(), s.endedAt(), now));
  }

  /** Remaining time from the iterations still allowed at the pace so far; "ETA –" when it can't be known. */
  public static String eta(ExperimentSession s, Instant now) {
    String status = s.statusProperty().get();
    if (s.startedAt() == null || !s.isLive() || ExperimentClock.isFinal(status) || s.endedAt() != null) return "";
    if ("PAUSED".equals(status)) return "ETA – (paused)";
    Duration elapsed = ExperimentClock.elapsed(s.startedAt(), null, now);
    OptionalLong max = ExperimentClock.maxIterationsPerTrial(s.spec());
    // the pace is this run's: after a resume, iterations done before it took no time of this clock
    long done = s.resultsSinceStart();
    long left = max.isPresent() ? 0 : -1;
    for (TrialRow r : s.table().rows()) {
      int it = r.iterationProperty().get();
      TrialStatus st = r.status();
      if (left >= 0 && st != TrialStatus.TERMINATED && st != TrialStatus.ERRORED) left += Math.max(0, max.getAsLong() - it);
    }
    if (left >= 0) left += Math.max(0, expectedTrials(s) - s.table().rows().size()) * max.getAsLong();
    Duration eta = ExperimentClock.eta(elapsed, done, left, ExperimentClock.timeBudgetS(s.spec()));
    if (eta == null) return "ETA –";
    // schedulers and stoppers may end trials sooner: the figure is what is still allowed, an upper bound
    boolean bound = !"fifo".equals(s.spec().scheduler() == null ? "fifo" : s.spec().scheduler().type());
    return "ETA " + (bound ? "≤ " : "") + ExperimentClock.hms(eta);
  }

  public static String hms(Duration d) {
    return ExperimentClock.hms(d);
  }
}
