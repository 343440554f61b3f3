package org.tunebench.ui.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tunebench.cluster.ClusterExecutor.AgentStatus;
import org.tunebench.ui.format.Numbers;

/** One line of the Agents panel, as text: address, host, capacity, load, this driver's trials there, last heard. */
public record AgentRow(String address, String host, String capacity, String load, String trials, String lastHeard,
    boolean ready) {

  /** The rows for what the live drivers report, agents with the same id (two drivers) merged into one. */
  public static List<AgentRow> of(List<AgentStatus> agents, Instant now) {
    java.util.Map<String, List<AgentStatus>> byId = new java.util.LinkedHashMap<>();
    for (AgentStatus a : agents) byId.computeIfAbsent(a.id(), k -> new java.util.ArrayList<>()).add(a);
    return byId.values().stream().map(l -> row(l, now)).toList();
  }

  private static AgentRow row(List<AgentStatus> same, Instant now) {
    AgentStatus a = same.get(0);
    // the agent counts every driver's use: one driver's own plus what it says the others use is the whole load
    double usedCpu = a.usedCpu() + a.otherCpu();
    double usedGpu = a.usedGpu() + a.otherGpu();
    long usedMb = a.usedMb() + a.otherMb();
    String capacity = Numbers.format(a.cpus()) + " CPU" + (a.gpus() > 0 ? " · " + Numbers.format(a.gpus()) + " GPU" : "")
        + " · " + memory(a.memoryMb());
    String load = Numbers.format(usedCpu) + "/" + Numbers.format(a.cpus()) + " CPU"
        + (a.gpus() > 0 ? " · " + Numbers.format(usedGpu) + "/" + Numbers.format(a.gpus()) + " GPU" : "")
        + " · " + memory(usedMb);
    List<String> trials = same.stream().flatMap(s -> s.trials().stream()).sorted().toList();
    Instant heard = same.stream().map(AgentStatus::lastHeard).filter(java.util.Objects::nonNull)
        .max(Instant::compareTo).orElse(null);
    boolean ready = same.stream().anyMatch(AgentStatus::ready);
    return new AgentRow(a.address(), a.host(), capacity, ready ? load : "not answering yet",
        trials.isEmpty() ? "—" : String.join(", ", trials), ago(heard, now), ready);
  }

  private static String memory(long mb) {
    if (mb >= Long.MAX_VALUE / 8) return "any MB";
    return mb >= 10_240 ? Numbers.format(mb / 1024.0) + " GB" : mb + " MB";
  }

  static String ago(Instant at, Instant now) {
    if (at == null) return "never";
    long s = Math.max(0, Duration.between(at, now).toSeconds());
    if (s < 1) return "just now";
    if (s < 120) return s + " s ago";
    return s / 60 + " min ago";
  }
}
