package org.tunebench.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tunebench.engine.TrialSnapshot;

/**
 * Trial errors that come close together, told as one notification: a run in which every trial fails at once (a
 * bug in the trainable, no cluster agent) raises one popup, not one per trial. Toolkit-free.
 */
final class ErrorBurst {
  static final int NAMED = 5;
  private final List<TrialSnapshot> errors = new ArrayList<>();

  /** Adds an error; true when it starts a new burst (the caller then waits a moment before {@link #drain}). */
  boolean add(TrialSnapshot s) {
    errors.add(s);
    return errors.size() == 1;
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Title and text of the notification for what was gathered; the burst is empty afterwards. */
  Told drain() {
    List<TrialSnapshot> all = List.copyOf(errors);
    errors.clear();
    if (all.isEmpty()) return null;
    String first = firstLine(all.get(0));
    if (all.size() == 1) return new Told("Trial " + all.get(0).id() + " errored", first);
    Set<String> reasons = new LinkedHashSet<>();
    for (TrialSnapshot t : all) reasons.add(firstLine(t));
    List<String> ids = all.stream().map(TrialSnapshot::id).distinct().toList();
    String named = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size()))) + (ids.size() > NAMED ? ", …" : "");
    String why = reasons.size() == 1 ? first : first + " (and " + (reasons.size() - 1) + " other "
        + (reasons.size() == 2 ? "reason" : "reasons") + ")";
    return new Told(ids.size() + " trials errored", named + ": " + why);
  }

  private static String firstLine(TrialSnapshot s) {
    return String.valueOf(s.error()).lines().findFirst().orElse("");
  }

  record Told(String title, String text) {}
}
