package org.tunebench.ui.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Which ended experiments give up their idle worker JVMs. An ended experiment keeps its workers so an extend
 * or restart starts at once, but only while all open experiments together stay within a cap; past it, the
 * experiments that ended longest ago release theirs first. Toolkit-free.
 */
public final class WorkerBudget {
  private WorkerBudget() {}

  /** A cap that leaves the machine usable: one worker per core, at least two. */
  public static int defaultCap() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param ended the experiments that ended (their workers are all idle), with their end time
   * @param totalWorkers workers alive in all open experiments, running or not
   * @return the ended experiments to release, oldest end first, until the total is within {@code cap}
   */
  public static <T> List<T> toRelease(List<T> ended, ToIntFunction<T> workers, java.util.function.Function<T, Instant> endedAt,
      int totalWorkers, int cap) {
    List<T> sorted = new ArrayList<>(ended);
    sorted.sort(Comparator.comparing(endedAt, Comparator.nullsLast(Comparator.naturalOrder())));
    List<T> out = new ArrayList<>();
    int total = totalWorkers;
    for (T t : sorted) {
      if (total <= cap) break;
      int w = workers.applyAsInt(t);
      if (w == 0) continue;
      out.add(t);
      total -= w;
    }
    return out;
  }
}
