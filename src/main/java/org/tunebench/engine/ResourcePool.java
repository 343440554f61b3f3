package org.tunebench.engine;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.tunebench.model.ExperimentSpec.Resources;

/**
 * CPU, GPU and memory of the machine, handed out per trial as an {@link Allocation} that is released as a whole.
 * Fractions are allowed as in Ray Tune: CPUs are a plain sum; a GPU request below 1 takes a share of one GPU id
 * (trials with {@code gpu: 0.5} share an id), a request of 1 or more takes that many whole ids.
 * Thread-safe: the workbench shares one pool among experiments whose drivers run on their own threads at
 * once, and its status bar reads the usage from the FX thread.
 */
public final class ResourcePool {
  private static final double EPS = 1e-9;
  private double cpus;
  private List<String> gpuIds;
  private double[] gpuUsed;
  private long memoryMb;
  /** Sized by what an executor offers (cluster agents), not by this machine: nothing is refused up front. */
  private boolean elastic;
  private double usedCpu;
  private long usedMb;
  // allocations made through the older tryAcquire(Resources), released by release(Resources)
  private final Map<Resources, Deque<Allocation>> legacy = new HashMap<>();

  /** What one trial holds: its CPUs, the GPU ids reserved to it (with the share {@code gpu} of them), memory. */
  public record Allocation(double cpu, double gpu, List<String> gpuIds, long memoryMb) {
    public Allocation {
      gpuIds = List.copyOf(gpuIds);
    }
  }

  /** {@code gpus} GPUs with the ids 0 … gpus-1. */
  public ResourcePool(double cpus, double gpus, long memoryMb) {
    this(cpus, IntStream.range(0, (int) Math.floor(gpus + EPS)).mapToObj(Integer::toString).toList(), memoryMb);
  }

  public ResourcePool(double cpus, List<String> gpuIds, long memoryMb) {
    if (new LinkedHashSet<>(gpuIds).size() != gpuIds.size()) {
      throw new IllegalArgumentException("GPU ids must be distinct: " + gpuIds);
    }
    this.cpus = cpus;
    this.gpuIds = List.copyOf(gpuIds);
    this.gpuUsed = new double[gpuIds.size()];
    this.memoryMb = memoryMb;
  }

  /** This machine: every core, GPUs as configured ({@code TUNEBENCH_GPUS}), physical memory. */
  public static ResourcePool ofThisMachine() {
    long mb = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
    return new ResourcePool(Runtime.getRuntime().availableProcessors(), gpuIds(System.getenv("TUNEBENCH_GPUS")), mb);
  }

  /**
   * GPU ids from {@code TUNEBENCH_GPUS}: a count ({@code 2}: ids 0 and 1) or a list of ids ({@code 0,1,3};
   * a single id is written with a comma, {@code 3,}). Unset or blank: no GPUs.
   */
  public static List<String> gpuIds(String value) {
    if (value == null || value.isBlank()) return List.of();
    String v = value.trim();
    if (!v.contains(",")) {
      try {
        int n = Integer.parseInt(v);
        if (n >= 0) return IntStream.range(0, n).mapToObj(Integer::toString).toList();
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("TUNEBENCH_GPUS=" + value + ": expected a count (2) or GPU ids (0,1,3)");
    }
    List<String> ids = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String id : ids) {
      if (!id.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("TUNEBENCH_GPUS=" + value + ": '" + id + "' is not a GPU id "
            + "(expected a count (2) or GPU ids such as 0,1,3)");
      }
    }
    if (new LinkedHashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException("TUNEBENCH_GPUS=" + value + ": a GPU id is listed twice");
    }
    return ids;
  }

  /**
   * A pool that starts empty and follows what an executor offers ({@link #resize}): cluster agents join and
   * leave, so no request is refused up front here (the cluster executor refuses what no agent could hold).
   */
  public static ResourcePool elastic() {
    ResourcePool p = new ResourcePool(0, List.of(), 0);
    p.elastic = true;
    return p;
  }

  public synchronized boolean isElastic() {
    return elastic;
  }

  /** New totals; what running trials hold stays held (GPU ids that remain keep their use). */
  public synchronized void resize(double cpus, List<String> gpuIds, long memoryMb) {
    double[] used = new double[gpuIds.size()];
    for (int i = 0; i < gpuIds.size(); i++) {
      int old = this.gpuIds.indexOf(gpuIds.get(i));
      if (old >= 0) used[i] = gpuUsed[old];
    }
    this.cpus = cpus;
    this.gpuIds = List.copyOf(gpuIds);
    this.gpuUsed = used;
    this.memoryMb = memoryMb;
  }

  /** Why a trial asking {@code r} could never run here, or null when it could. */
  public synchronized String neverFits(Resources r) {
    if (elastic) return null;
    if (r.cpu() > cpus + EPS) return "cpu " + fmt(r.cpu()) + " per trial, but this machine has " + fmt(cpus);
    if (r.gpu() > 1 + EPS && Math.abs(r.gpu() - Math.rint(r.gpu())) > EPS) {
      return "gpu " + fmt(r.gpu()) + " per trial: above 1 a GPU request must be a whole number (fractions share one GPU)";
    }
    if (r.gpu() > gpuIds.size() + EPS) {
      return "gpu " + fmt(r.gpu()) + " per trial, but " + gpuIds.size() + " GPUs are configured (set TUNEBENCH_GPUS)";
    }
    if (r.memoryMb() > memoryMb) return "memoryMb " + r.memoryMb() + " per trial, but this machine has " + memoryMb;
    return null;
  }

  /** Whether a trial asking {@code r} could start now. */
  public synchronized boolean canFit(Resources r) {
    return usedCpu + r.cpu() <= cpus + EPS && usedMb + r.memoryMb() <= memoryMb && pickGpus(r.gpu()) != null;
  }

  /** What is short for a trial asking {@code r}, for a waiting trial's reason. */
  public synchronized String describeNeed(Resources r) {
    if (elastic) {
      String need = fmt(r.cpu()) + " CPU" + (r.gpu() > EPS ? ", " + fmt(r.gpu()) + " GPU" : "") + " and " + r.memoryMb() + " MB";
      // an elastic pool holds whole trials' worth (what the agents can run at once, each trial on one agent)
      long room = Math.round(cpus / r.cpu());
      if (room == 0) return "an agent with " + need + " free (no live agent has room for a trial now)";
      return "an agent with " + need + " free (the agents hold " + room + (room == 1 ? " trial" : " trials")
          + " at once; " + Math.round(usedCpu / r.cpu()) + " running)";
    }
    if (usedCpu + r.cpu() > cpus + EPS) return fmt(r.cpu()) + " CPU (" + fmt(Math.max(0, cpus - usedCpu)) + " of " + fmt(cpus) + " free)";
    if (usedMb + r.memoryMb() > memoryMb) return r.memoryMb() + " MB memory (" + (memoryMb - usedMb) + " MB free)";
    if (pickGpus(r.gpu()) == null) return fmt(r.gpu()) + " GPU (" + fmt(gpuIds.size() - usedGpus()) + " of " + gpuIds.size() + " free)";
    return "nothing (it fits)";
  }

  /** Reserves what {@code r} asks for, or nothing (empty) when it does not fit now. */
  public synchronized Optional<Allocation> tryAllocate(Resources r) {
    if (usedCpu + r.cpu() > cpus + EPS || usedMb + r.memoryMb() > memoryMb) return Optional.empty();
    List<Integer> gpus = pickGpus(r.gpu());
    if (gpus == null) return Optional.empty();
    double share = r.gpu() < 1 ? r.gpu() : 1;
    List<String> ids = new ArrayList<>();
    for (int i : gpus) {
      gpuUsed[i] += share;
      ids.add(gpuIds.get(i));
    }
    usedCpu += r.cpu();
    usedMb += r.memoryMb();
    return Optional.of(new Allocation(r.cpu(), r.gpu(), ids, r.memoryMb()));
  }

  /** Indexes of the GPUs for a request, or null when it does not fit now. */
  private List<Integer> pickGpus(double gpu) {
    if (gpu <= EPS) return List.of();
    if (gpu < 1) {
      // best fit: the fullest GPU that still has the share free keeps whole GPUs free for whole requests
      int best = -1;
      for (int i = 0; i < gpuUsed.length; i++) {
        if (gpuUsed[i] + gpu <= 1 + EPS && (best < 0 || gpuUsed[i] > gpuUsed[best])) best = i;
      }
      return best < 0 ? null : List.of(best);
    }
    int need = (int) Math.round(gpu);
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < gpuUsed.length && free.size() < need; i++) if (gpuUsed[i] <= EPS) free.add(i);
    return free.size() == need ? free : null;
  }

  public synchronized void release(Allocation a) {
    usedCpu = Math.max(0, usedCpu - a.cpu());
    usedMb = Math.max(0, usedMb - a.memoryMb());
    double share = a.gpu() < 1 ? a.gpu() : 1;
    for (String id : a.gpuIds()) {
      int i = gpuIds.indexOf(id);
      if (i >= 0) gpuUsed[i] = Math.max(0, gpuUsed[i] - share);
    }
  }

  /** Older form of {@link #tryAllocate}: the allocation is kept here and given back by {@link #release(Resources)}. */
  public synchronized boolean tryAcquire(Resources r) {
    Optional<Allocation> a = tryAllocate(r);
    a.ifPresent(x -> legacy.computeIfAbsent(r, k -> new ArrayDeque<>()).push(x));
    return a.isPresent();
  }

  public synchronized void release(Resources r) {
    Deque<Allocation> q = legacy.get(r);
    if (q != null && !q.isEmpty()) release(q.pop());
  }

  public synchronized double cpus() {
    return cpus;
  }

  public synchronized double usedCpus() {
    return usedCpu;
  }

  public synchronized double gpus() {
    return gpuIds.size();
  }

  public synchronized List<String> gpuIds() {
    return gpuIds;
  }

  public synchronized double usedGpus() {
    double s = 0;
    for (double u : gpuUsed) s += u;
    return s;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
