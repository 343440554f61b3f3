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

  /** The live owner ({@code pid@host}), or null when nobody runs it. */
  static String liveOwner(StoredExperiment e) {
    if (!e.status().equals("RUNNING") && !e.status().equals("PAUSED")) return null;
    return OwnerLock.liveOwner(Path.of(e.homeDir())).orElse(null);
  }

  /** "" for a finished experiment; otherwise who runs it, or that nobody does and how to go on. */
  static String of(StoredExperiment e) {
    if (!e.status().equals("RUNNING") && !e.status().equals("PAUSED")) return "";
    String owner = liveOwner(e);
    return owner != null ? "run by process " + owner
        : "no live owner: its process ended without closing it; 'tunebench resume " + e.name() + "' goes on";
  }
}
