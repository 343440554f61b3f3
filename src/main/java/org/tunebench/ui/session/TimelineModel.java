package org.tunebench.ui.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.model.TrialStatus;

/** Each trial's status segments over wall time, for the lifecycle timeline. */
public final class TimelineModel {
  public record Segment(TrialStatus status, long startMs) {}

  private final Map<String, List<Segment>> rows = new LinkedHashMap<>();
  private long firstMs = Long.MAX_VALUE;
  private long lastMs = Long.MIN_VALUE;
  private long version;

  public void add(String trialId, Instant at, TrialStatus to) {
    long ms = at.toEpochMilli();
    List<Segment> segs = rows.computeIfAbsent(trialId, k -> new ArrayList<>());
    if (!segs.isEmpty() && segs.get(segs.size() - 1).status() == to) return;
    segs.add(new Segment(to, ms));
    firstMs = Math.min(firstMs, ms);
    lastMs = Math.max(lastMs, ms);
    version++;
  }

  /** Ensures a trial has a row (a trial first seen as PENDING). */
  public void touch(String trialId, Instant at, TrialStatus status) {
    if (!rows.containsKey(trialId)) add(trialId, at, status);
  }

  public Map<String, List<Segment>> rows() { return rows; }
  public long firstMs() { return firstMs; }
  public long lastMs() { return lastMs; }
  public long version() { return version; }
}
