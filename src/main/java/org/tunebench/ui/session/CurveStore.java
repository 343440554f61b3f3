package org.tunebench.ui.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.ui.chart.DoubleList;

/**
 * Every numeric metric of every result, per trial, as primitive arrays; plus the experiment's best-so-far
 * steps. {@link #version()} changes on every append so charts redraw only when something is new.
 */
public final class CurveStore {
  /** One trial's curves: x axes and one series per numeric metric (same length, NaN where missing). */
  public static final class TrialCurve {
    public final DoubleList iteration = new DoubleList();
    public final DoubleList time = new DoubleList();
    public final Map<String, DoubleList> metrics = new HashMap<>();

    public DoubleList metric(String name) {
      return metrics.get(name);
    }

    public int size() {
      return iteration.size();
    }

    /** How many times the curve was cut back (a restart replayed iterations): drawn caches start over then. */
    public int rewinds() {
      return rewinds;
    }

    private int rewinds;

    /**
     * A result for an iteration the curve already has comes from a restart (a resume, a retry, a pause and
     * resume) that trains again from an older checkpoint: as the store supersedes those rows, the curve drops
     * its points from that iteration on, so each iteration is drawn once.
     */
    boolean rewindTo(double iteration) {
      int keep = size();
      while (keep > 0 && this.iteration.get(keep - 1) >= iteration) keep--;
      if (keep == size()) return false;
      this.iteration.truncate(keep);
      time.truncate(keep);
      for (DoubleList s : metrics.values()) s.truncate(Math.min(keep, s.size()));
      rewinds++;
      return true;
    }
  }

  /**
   * A point where a trial's curve continues from someone else's checkpoint: a PBT exploit of {@code from}, or a fork
   * of it. {@code index} is the trial's first result after the event (its curve may not have reached it yet).
   */
  public record Mark(String trialId, String kind, String from, int index) {}

  private final Map<String, TrialCurve> curves = new LinkedHashMap<>();
  private final java.util.List<Mark> marks = new java.util.ArrayList<>();
  private final Set<String> metricNames = new LinkedHashSet<>();
  private final DoubleList bestX = new DoubleList();
  private final DoubleList bestY = new DoubleList();
  private final String metric;
  private final Mode mode;
  private double firstTimestamp = Double.NaN;
  private double lastX = Double.NaN;
  private long version;

  public CurveStore(String metric, Mode mode) {
    this.metric = metric;
    this.mode = mode;
  }

  public void add(String trialId, Map<String, Object> r) {
    add(trialId, r, null);
  }

  /**
   * {@code at} places the result on the best-so-far time axis; without it the result's {@code timestamp} does,
   * which has whole seconds only (as Ray Tune's), so short runs would step at 0, 1, 2 s.
   */
  public void add(String trialId, Map<String, Object> r, java.time.Instant at) {
    TrialCurve c = curves.computeIfAbsent(trialId, k -> new TrialCurve());
    if (r.get("training_iteration") instanceof Number it && c.size() > 0 && c.rewindTo(it.doubleValue())) {
      // an exploit or fork marked at the old end now marks the first point after the cut
      marks.replaceAll(m -> m.trialId().equals(trialId) && m.index() > c.size()
          ? new Mark(m.trialId(), m.kind(), m.from(), c.size()) : m);
    }
    int before = c.size();
    c.iteration.add(num(r.get("training_iteration"), before + 1));
    c.time.add(num(r.get("time_total_s"), Double.NaN));
    for (Map.Entry<String, Object> e : r.entrySet()) {
      if (!(e.getValue() instanceof Number) || e.getKey().equals("pid") || e.getKey().equals("timestamp")) continue;
      DoubleList s = c.metrics.get(e.getKey());
      if (s == null) {
        s = new DoubleList();
        for (int i = 0; i < before; i++) s.add(Double.NaN);
        c.metrics.put(e.getKey(), s);
        metricNames.add(e.getKey());
      }
      s.add(((Number) e.getValue()).doubleValue());
    }
    for (DoubleList s : c.metrics.values()) if (s.size() < c.size()) s.add(Double.NaN);
    double ts = at != null ? at.toEpochMilli() / 1000.0 : num(r.get("timestamp"), Double.NaN);
    if (r.get(metric) instanceof Number n) {
      double v = n.doubleValue();
      if (Double.isNaN(firstTimestamp)) firstTimestamp = ts;
      double x = Double.isNaN(ts) ? bestX.size() : ts - firstTimestamp;
      // best-so-far is a step function: store only the steps (improvements), the chart holds the last
      // one up to lastX; a million results then make a few dozen points, not a million
      if (!Double.isNaN(v) && (bestY.size() == 0 || mode.better(v, bestY.last()))) {
        bestX.add(x);
        bestY.add(v);
      }
      lastX = Math.max(Double.isNaN(lastX) ? x : lastX, x);
    }
    version++;
  }

  /** {@code trialId} now trains from {@code from}'s checkpoint: marked at its next result. */
  public void mark(String trialId, String kind, String from) {
    TrialCurve c = curves.get(trialId);
    marks.add(new Mark(trialId, kind, from, c == null ? 0 : c.size()));
    version++;
  }

  public java.util.List<Mark> marks() { return marks; }

  private static double num(Object o, double dflt) {
    return o instanceof Number n ? n.doubleValue() : dflt;
  }

  public Map<String, TrialCurve> curves() { return curves; }
  public TrialCurve curve(String id) { return curves.get(id); }
  public Set<String> metricNames() { return metricNames; }
  public DoubleList bestX() { return bestX; }
  public DoubleList bestY() { return bestY; }
  /** Seconds from the first result to the latest one with the metric (NaN before any). */
  public double lastX() { return lastX; }
  public long version() { return version; }
  public String metric() { return metric; }
  public Mode mode() { return mode; }
}
