package org.tunebench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tunebench.engine.schedule.TrialScheduler;
import org.tunebench.engine.stop.Stopper;

/**
 * Stores the scheduler's and stoppers' state as it changes (decision 0019): what changed goes with the result
 * it belongs to, or after the event that changed it, and a whole snapshot now and then replaces the entries so
 * that a restore replays a bounded tail. A snapshot is taken once the entries written since the last one hold
 * as many bytes as that snapshot did (at least {@link #MIN_TAIL_BYTES}): the snapshots then cost at most as much
 * as the entries, per result amortised a constant, and the stored tail stays within twice the state.
 */
public final class PluginStates {
  static final long MIN_TAIL_BYTES = 64 * 1024;

  private final Part scheduler;
  private final Part stopper;

  public PluginStates(TrialScheduler scheduler, Stopper stopper) {
    this.scheduler = new Part(scheduler::saveChanges, scheduler::save);
    this.stopper = new Part(stopper::saveChanges, stopper::save);
  }

  /** What the last event changed, with {@code decision}, for {@code ExperimentJournal.result}. */
  public ResultEffects forResult(JsonNode decision) {
    return new ResultEffects(scheduler.next(), stopper.next(), decision);
  }

  /** Writes what changed since the last write (an event other than a result changed the plug-ins). */
  void saveChanges(ExperimentJournal journal) {
    write(journal, scheduler.next(), stopper.next());
  }

  /** Writes both whole states, replacing every entry stored so far (start, clean end, interrupt). */
  public void snapshot(ExperimentJournal journal) {
    write(journal, scheduler.snapshot(), stopper.snapshot());
  }

  private static void write(ExperimentJournal journal, PluginSave sched, PluginSave stop) {
    if (!sched.isEmpty()) journal.pluginState(ResultEffects.SCHEDULER, sched);
    if (!stop.isEmpty()) journal.pluginState(ResultEffects.STOPPER, stop);
  }

  /** Bytes written so far (entries and snapshots of both), for the benchmark. */
  public long bytesWritten() {
    return scheduler.bytes + stopper.bytes;
  }

  private static final class Part {
    private final java.util.function.Supplier<PluginSave> changes;
    private final java.util.function.Supplier<JsonNode> whole;
    private long tailBytes;
    private long snapshotBytes;
    /** The whole state written last, as text; null before the first. */
    private String lastWhole;
    long bytes;

    Part(java.util.function.Supplier<PluginSave> changes, java.util.function.Supplier<JsonNode> whole) {
      this.changes = changes;
      this.whole = whole;
    }

    PluginSave next() {
      PluginSave s = changes.get();
      if (s.replaces()) {
        // a plug-in without entries (a stopper, FIFO, a user's) whose state did not change writes nothing
        String text = String.valueOf(s.state());
        if (text.equals(lastWhole)) return PluginSave.appended(List.of());
        lastWhole = text;
        bytes += size(s.state());
        return s;
      }
      long added = 0;
      for (JsonNode e : s.appended()) added += size(e);
      if (tailBytes + added >= Math.max(MIN_TAIL_BYTES, snapshotBytes)) return snapshot();
      tailBytes += added;
      bytes += added;
      return s;
    }

    /** The whole state; what changed before it is covered by it, so the pending entries are dropped. */
    PluginSave snapshot() {
      changes.get();
      JsonNode state = whole.get();
      snapshotBytes = size(state);
      lastWhole = String.valueOf(state);
      tailBytes = 0;
      bytes += snapshotBytes;
      return PluginSave.whole(state);
    }

    private static long size(JsonNode n) {
      return n == null ? 0 : n.toString().length();
    }
  }
}
