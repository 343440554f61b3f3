package org.tunebench.ui.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.tunebench.app.BadInputException;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.cluster.ClusterExecutor;
import org.tunebench.cluster.ClusterSecret;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.exec.ExecutorFactory;
import org.tunebench.store.ExperimentStore;

/**
 * The workbench's cluster option, as the CLI's {@code --cluster-port/--cluster-bind/--cluster-wait}: when on, an
 * experiment started (or resumed) here runs its driver as a cluster member listening on {@code bind:port}, and its
 * trials run on the agents that join it. The secret comes from a file (owner-only) or, left blank, from
 * {@code TUNEBENCH_CLUSTER_SECRET}. Keeps the cluster drivers it started, for the Agents panel. Toolkit-free.
 */
public final class ClusterSettings {
  public final BooleanProperty enabled = new SimpleBooleanProperty(false);
  public final StringProperty port = new SimpleStringProperty("47500");
  public final StringProperty bind = new SimpleStringProperty("127.0.0.1");
  public final StringProperty secretFile = new SimpleStringProperty("");
  public final StringProperty waitS = new SimpleStringProperty("120");
  private final List<ClusterExecutor> drivers = new CopyOnWriteArrayList<>();
  private final java.util.function.Supplier<String> env;

  public ClusterSettings() {
    this(() -> System.getenv(ClusterSecret.ENV));
  }

  /** With the environment's secret read from {@code env} (tests). */
  ClusterSettings(java.util.function.Supplier<String> env) {
    this.env = env;
  }

  /**
   * {@code local} when the option is off; else a launcher whose experiments run on cluster agents, each with a pool
   * that follows the agents' capacity. Checks the fields and the secret first: a {@link BadInputException} says
   * which field is wrong and what is allowed.
   */
  public ExperimentLauncher launcher(ExperimentStore store, DriverOptions options, ExperimentLauncher local) {
    if (!enabled.get()) return local;
    return new ExperimentLauncher(store, ResourcePool.elastic(), options, executors());
  }

  /** The executors of cluster mode as the fields say now; checked before anything listens. */
  ExecutorFactory executors() {
    int p = number("port", port.get(), 1, 65535);
    int wait = number("agent wait (s)", waitS.get(), 1, 86_400);
    String address = bind.get() == null || bind.get().isBlank() ? "127.0.0.1" : bind.get().strip();
    ClusterSecret secret = secret();
    for (ClusterExecutor d : live()) {
      if (d.address().endsWith(":" + p)) {
        throw new BadInputException("cluster port " + p + " is in use by the driver of an experiment open here ("
            + d.address() + "); close that experiment first or pick another port");
      }
    }
    return (spec, dir) -> {
      ClusterExecutor ex = new ClusterExecutor(secret, address, p, dir.resolve("cluster"), spec.resourcesPerTrial().cpu(),
          spec.resourcesPerTrial().gpu(), spec.resourcesPerTrial().memoryMb(), Duration.ofSeconds(wait));
      drivers.add(ex);
      return ex;
    };
  }

  private ClusterSecret secret() {
    try {
      String file = secretFile.get() == null ? "" : secretFile.get().strip();
      if (!file.isEmpty()) return ClusterSecret.fromFile(Path.of(file));
      return new ClusterSecret(env.get());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("cluster: " + e.getMessage()
          + (secretFile.get() == null || secretFile.get().isBlank() ? " (or name a secret file)" : ""));
    }
  }

  private static int number(String field, String text, int min, int max) {
    try {
      int n = Integer.parseInt(text == null ? "" : text.strip());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadInputException("cluster " + field + " '" + text + "': must be a whole number from " + min + " to " + max);
  }

  /** Cluster drivers started here that are still open. */
  public List<ClusterExecutor> live() {
    drivers.removeIf(ClusterExecutor::isClosed);
    return List.copyOf(drivers);
  }

  /** What agents run to join: "tunebench agent --join ADDRESS" for each live driver, or how it will be. */
  public String joinHint() {
    List<ClusterExecutor> l = live();
    if (!l.isEmpty()) {
      return String.join("\n", l.stream().map(d -> "tunebench agent --join " + d.address()).toList());
    }
    String address = bind.get() == null || bind.get().isBlank() ? "127.0.0.1" : bind.get().strip();
    return enabled.get() ? "agents join with: tunebench agent --join " + address + ":" + port.get()
        + " (same secret; the driver listens once an experiment starts)" : "trials run in local worker JVMs";
  }
}
