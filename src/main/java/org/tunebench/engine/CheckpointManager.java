package org.tunebench.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.TrialStatus;

/**
 * Each trial's checkpoints: which exist, which to keep ({@code numToKeep}), which one a start restores from.
 * An old folder is deleted only once the row of the checkpoint that replaces it is durable, so a crash at any
 * moment leaves the history pointing at a folder that exists; and a restore skips folders that are gone.
 */
final class CheckpointManager {
  private static final Logger LOG = Logger.getLogger(CheckpointManager.class.getName());
  private final ExperimentSpec spec;
  private final ExperimentJournal journal;
  private final TrialRegistry registry;
  private final Clock clock;
  /** Runs a task on the driver's loop (durability callbacks arrive on the journal's thread). */
  private final Consumer<Runnable> onLoop;

  CheckpointManager(ExperimentSpec spec, ExperimentJournal journal, TrialRegistry registry, Clock clock,
      Consumer<Runnable> onLoop) {
    this.spec = spec;
    this.journal = journal;
    this.registry = registry;
    this.clock = clock;
    this.onLoop = onLoop;
  }

  Path dirFor(Trial t) {
    return t.dir.resolve(String.format("checkpoint_%06d", t.iteration));
  }

  void add(Trial t, Path dir) {
    CheckpointRef last = t.latestCheckpoint();
    if (last != null && last.path().equals(dir)) return;
    CheckpointRef c = new CheckpointRef(t.iteration, t.timeTotalS, dir);
    // a replayed iteration (after a restore) writes a folder of the same name: the newer one replaces it
    t.checkpoints.removeIf(o -> o.path().equals(dir));
    t.checkpoints.addLast(c);
    journal.checkpointAdded(t.id, c.iteration(), c.timeTotalS(), dir.toString(), clock.instant(),
        () -> onLoop.accept(() -> prune(t)));
  }

  /**
   * A PBT exploit: the trial goes on from {@code donor}'s checkpoint, which becomes its newest one (stored
   * with it), so a restart after a crash or a resume restores the state it has now, not its own older one.
   * The folder stays the donor's: pruning this trial only forgets it.
   */
  void adopt(Trial t, CheckpointRef donor) {
    t.checkpoints.removeIf(o -> o.path().equals(donor.path()));
    t.checkpoints.addLast(donor);
    journal.checkpointAdded(t.id, donor.iteration(), donor.timeTotalS(), donor.path().toString(), clock.instant(),
        () -> onLoop.accept(() -> prune(t)));
  }

  /** Deletes what {@code numToKeep} no longer keeps; runs once the newest checkpoint's row is durable. */
  private void prune(Trial t) {
    int keep = spec.checkpoint().numToKeep();
    if (keep <= 0) return;
    List<CheckpointRef> removable = new ArrayList<>();
    int excess = t.checkpoints.size() - keep;
    for (Iterator<CheckpointRef> it = t.checkpoints.iterator(); it.hasNext() && excess > 0; ) {
      CheckpointRef old = it.next();
      if (owns(t, old) && isInUse(t, old)) break;
      it.remove();
      removable.add(old);
      excess--;
    }
    for (CheckpointRef old : removable) {
      journal.checkpointRemoved(t.id, old.path().toString(), clock.instant());
      if (owns(t, old)) Checkpoints.delete(old.path());
    }
  }

  /** A donor's checkpoint that a PBT exploit adopted lies in the donor's folder. */
  private static boolean owns(Trial t, CheckpointRef c) {
    return c.path().startsWith(t.dir);
  }

  /** A checkpoint another trial will start from (fork, PBT) or goes on from (adopted) must outlive numToKeep. */
  private boolean isInUse(Trial owner, CheckpointRef c) {
    for (Trial o : registry.all()) {
      if (o.restore != null && o.restore.path().equals(c.path())
          && (o.status == TrialStatus.PENDING || o.status == TrialStatus.PAUSED)) {
        return true;
      }
      if (o.exploit != null && o.exploit.donorCheckpoint().path().equals(c.path())) return true;
      if (o != owner && o.checkpoints.stream().anyMatch(k -> k.path().equals(c.path()))) return true;
    }
    return false;
  }

  /** Where a start restores from, as its reason says it: " from checkpoint_000004" or " from scratch". */
  static String fromWhere(CheckpointRef c) {
    return c == null ? " from scratch" : " from " + c.path().getFileName();
  }

  /**
   * The newest checkpoint whose folder exists; older ones are the fallback when a crash lost the newest. A lost one
   * is remembered on the trial for {@link #fromWhere(Trial, CheckpointRef)}: the trial's status reason says so.
   */
  CheckpointRef restorePoint(Trial t) {
    t.lostCheckpoint = null;
    for (Iterator<CheckpointRef> it = t.checkpoints.descendingIterator(); it.hasNext(); ) {
      CheckpointRef c = it.next();
      if (Files.isDirectory(c.path())) return c;
      if (t.lostCheckpoint == null) t.lostCheckpoint = c.path().getFileName().toString();
      LOG.warning(() -> "trial " + t.id + ": checkpoint " + c.path() + " is gone; trying an older one");
    }
    return null;
  }

  /** As {@link #fromWhere(CheckpointRef)}, and that its newest checkpoint was gone (deleted, or lost in a crash). */
  static String fromWhere(Trial t, CheckpointRef c) {
    String lost = t.lostCheckpoint;
    return fromWhere(c) + (lost == null ? "" : " (its checkpoint " + lost + TrialSnapshot.CHECKPOINT_GONE);
  }
}
