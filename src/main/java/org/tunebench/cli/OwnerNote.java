package org.tunebench.cli;

import java.nio.file.Path;
import org.tunebench.store.OwnerLock;
import org.tunebench.store.StoredExperiment;

/**
 * Who runs an experiment that is stored as RUNNING or PAUSED. Only its live owner changes a status, so one whose
 * process died (kill -9, power cut) still reads RUNNING; the note says so instead of letting it look alive.
 */
final class OwnerNote {
  private OwnerNote() {}

  /** The live owner ({@code pid@host}), or null when nobody runs it (reads the owner lock: once per command). */
  static String liveOwner(StoredExperiment e) {
    if (!e.claimsAnOwner()) return null;
    return OwnerLock.liveOwner(Path.of(e.homeDir())).orElse(null);
  }

  /** As {@link #describe} with the owner read now. */
  static String of(StoredExperiment e) {
    return describe(e, liveOwner(e));
  }

  /** "" for an ended experiment; otherwise who runs it ({@code owner}), or that nobody does and how to go on. */
  static String describe(StoredExperiment e, String owner) {
    if (!e.claimsAnOwner()) return "";
    return owner != null ? "run by process " + owner
        : "no live owner: its process ended without closing it; 'tunebench resume " + e.name() + "' goes on";
  }
}
