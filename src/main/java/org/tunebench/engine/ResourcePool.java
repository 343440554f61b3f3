package org.tunebench.engine;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.tunebench.model.ExperimentSpec.Resources;

/**
 * CPU, GPU and memory of the machine, handed out per trial. Fractions are allowed (Ray Tune). Thread-safe: the
 * workbench shares one pool among experiments whose drivers run on their own threads at once, and its status bar
 * reads the usage from the FX thread.
 */
public final class ResourcePool {
  private static final double EPS = 1e-9;
  private final double cpus;
  private final double gpus;
  private final long memoryMb;
  private double usedCpu;
  private double usedGpu;
  private long usedMb;

  public ResourcePool(double cpus, double gpus, long memoryMb) {
    this.cpus = cpus;
    this.gpus = gpus;
    this.memoryMb = memoryMb;
  }

  /** This machine: every core, GPUs as configured ({@code TUNEBENCH_GPUS}), physical memory. */
  public static ResourcePool ofThisMachine() {
    long mb = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
    double gpus = 0;
    String g = System.getenv("TUNEBENCH_GPUS");
    if (g != null && !g.isBlank()) gpus = Double.parseDouble(g.trim());
    return new ResourcePool(Runtime.getRuntime().availableProcessors(), gpus, mb);
  }

  /** Why a trial asking {@code r} could never run here, or null when it could. */
  public String neverFits(Resources r) {
    if (r.cpu() > cpus + EPS) return "cpu " + fmt(r.cpu()) + " per trial, but this machine has " + fmt(cpus);
    if (r.gpu() > gpus + EPS) {
      return "gpu " + fmt(r.gpu()) + " per trial, but " + fmt(gpus) + " GPUs are configured (set TUNEBENCH_GPUS)";
    }
    if (r.memoryMb() > memoryMb) return "memoryMb " + r.memoryMb() + " per trial, but this machine has " + memoryMb;
    return null;
  }

  public synchronized boolean tryAcquire(Resources r) {
    if (usedCpu + r.cpu() > cpus + EPS || usedGpu + r.gpu() > gpus + EPS || usedMb + r.memoryMb() > memoryMb) {
      return false;
    }
    usedCpu += r.cpu();
    usedGpu += r.gpu();
    usedMb += r.memoryMb();
    return true;
  }

  public synchronized void release(Resources r) {
    usedCpu = Math.max(0, usedCpu - r.cpu());
    usedGpu = Math.max(0, usedGpu - r.gpu());
    usedMb = Math.max(0, usedMb - r.memoryMb());
  }

  public double cpus() {
    return cpus;
  }

  public synchronized double usedCpus() {
    return usedCpu;
  }

  public double gpus() {
    return gpus;
  }

  public synchronized double usedGpus() {
    return usedGpu;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
