package org.tunebench.app.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.store.StoredExploit;
import org.tunebench.store.StoredResult;

/**
 * Who copied whom: every trial as a span of steps, and a link for each fork (a trial started from another's
 * checkpoint, its parentId) and each PBT exploit (a trial took a donor's checkpoint and a perturbed config).
 * Links are placed at the step the source trial had reached at that moment.
 */
public record Lineage(List<Span> spans, List<Link> links) {
  public record Span(String id, int row, double from, double to) {}

  /** {@code kind} is "fork" or "exploit"; {@code change} lists the config keys that changed, old → new. */
  public record Link(String kind, String from, String to, double step, Instant at, String change) {}

  public static Lineage of(List<TrialSnapshot> trials, Map<String, List<StoredResult>> results, List<StoredExploit> exploits) {
    List<Span> spans = new ArrayList<>();
    Map<String, Integer> rows = new TreeMap<>();
    for (TrialSnapshot t : trials) rows.put(t.id(), rows.size());
    List<Link> links = new ArrayList<>();
    for (TrialSnapshot t : trials) {
      if (t.parentId() != null && rows.containsKey(t.parentId())) {
        links.add(new Link("fork", t.parentId(), t.id(), stepAt(results.get(t.parentId()), t.createdAt()), t.createdAt(),
            diff(configOf(trials, t.parentId()), t.config())));
      }
    }
    for (StoredExploit x : exploits) {
      if (!rows.containsKey(x.trialId())) continue;
      links.add(new Link("exploit", x.donorId(), x.trialId(), stepAt(results.get(x.trialId()), x.at()), x.at(),
          diff(x.oldConfig(), x.newConfig())));
    }
    for (TrialSnapshot t : trials) {
      List<StoredResult> rs = results.getOrDefault(t.id(), List.of());
      double from = rs.isEmpty() ? 0 : rs.get(0).iteration();
      double to = rs.isEmpty() ? 0 : rs.get(rs.size() - 1).iteration();
      spans.add(new Span(t.id(), rows.get(t.id()), from, Math.max(from, to)));
    }
    return new Lineage(List.copyOf(spans), List.copyOf(links));
  }

  /** The last step a trial had reported by {@code at} (0 before its first result). */
  static double stepAt(List<StoredResult> rs, Instant at) {
    double step = 0;
    if (rs == null || at == null) return step;
    for (StoredResult r : rs) if (!r.at().isAfter(at)) step = r.iteration();
    return step;
  }

  private static Map<String, Object> configOf(List<TrialSnapshot> trials, String id) {
    for (TrialSnapshot t : trials) if (t.id().equals(id)) return t.config();
    return Map.of();
  }

  /** "lr 0.01 → 0.012, depth 3 → 4" over the top-level and nested keys that differ. */
  static String diff(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> fa = flat("", a, new TreeMap<>());
    Map<String, Object> fb = flat("", b, new TreeMap<>());
    List<String> out = new ArrayList<>();
    for (String k : fb.keySet()) {
      Object va = fa.get(k);
      Object vb = fb.get(k);
      if (va == null ? vb != null : !va.equals(vb)) out.add(k + " " + va + " → " + vb);
    }
    return String.join(", ", out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flat(String prefix, Map<String, Object> m, Map<String, Object> out) {
    if (m == null) return out;
    for (var e : m.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) flat(prefix + e.getKey() + ".", (Map<String, Object>) sub, out);
      else out.put(prefix + e.getKey(), e.getValue());
    }
    return out;
  }
}
