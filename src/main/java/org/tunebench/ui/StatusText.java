package org.tunebench.ui;

import java.time.Duration;
import java.time.Instant;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.ExperimentSession;

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
    Instant end = s.endedAt() != null && !s.isLive() ? s.endedAt() : now;
    return "elapsed " + hms(Duration.between(s.startedAt(), end));
  }

  /** Remaining time, extrapolated from the pace so far (done trials per elapsed time). */
  public static String eta(ExperimentSession s, Instant now) {
    long done = s.table().count(TrialStatus.TERMINATED) + s.table().count(TrialStatus.ERRORED);
    long total = expectedTrials(s);
    if (s.startedAt() == null || done == 0 || !s.isLive()) return "ETA –";
    if (done >= total) return "ETA 0:00";
    Duration el = Duration.between(s.startedAt(), now);
    return "ETA " + hms(el.multipliedBy(total - done).dividedBy(done));
  }

  public static String hms(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }
}
