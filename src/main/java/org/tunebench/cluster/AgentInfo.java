package org.tunebench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * An agent as one driver counts its room: what it offers, what this driver's trials hold on it, and what it last
 * said other drivers use. Touched on the driver's cluster thread only (but {@code lastHeard}).
 */
final class AgentInfo {
  final String id;
  final String inbox;
  final String name;
  final String host;
  /** The machine name the agent gives (its IP until it says). */
  String hostName;
  final double cpus;
  final double gpus;
  final long memoryMb;
  double usedCpu;
  double usedGpu;
  long usedMb;
  /** What the agent last said other drivers use on it. */
  double otherCpu;
  double otherGpu;
  long otherMb;
  UUID member;
  boolean gone;
  boolean ready;
  long helloAt = System.nanoTime() - 1_000_000_000L;
  /** When the last message of this agent came (its load every {@link ClusterExecutor#SYNC_MS} at least); null: never. */
  volatile java.time.Instant lastHeard;

  AgentInfo(String id, String inbox, String name, String host, double cpus, double gpus, long memoryMb) {
    this.id = id;
    this.inbox = inbox;
    this.name = name;
    this.host = host;
    this.hostName = host;
    this.cpus = cpus;
    this.gpus = gpus;
    this.memoryMb = memoryMb;
  }

  void load(ObjectNode m) {
    String said = m.path("hostName").asText("");
    // at most a DNS name's length, printable: it is shown in the workbench
    if (!said.isEmpty() && said.length() <= 253 && said.chars().allMatch(c -> c > 32 && c < 127)) hostName = said;
    otherCpu = Math.max(0, m.path("otherCpu").asDouble(0));
    otherGpu = Math.max(0, m.path("otherGpu").asDouble(0));
    otherMb = Math.max(0, m.path("otherMb").asLong(0));
  }

  double freeCpu() {
    return cpus - usedCpu - otherCpu;
  }

  double freeGpu() {
    return gpus - usedGpu - otherGpu;
  }

  long freeMb() {
    return memoryMb - usedMb - otherMb;
  }
}
