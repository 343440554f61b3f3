package org.tunebench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.tunebench.app.ExperimentLauncher;
import org.tunebench.engine.DriverOptions;
import org.tunebench.engine.ResourcePool;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredExperiment;

/**
 * The window's state: the database, the launcher (driver loops kept alive for steering after trials end),
 * the experiments in the store, the sample specs found under the working folder. Toolkit-free.
 */
public final class MainViewModel implements AutoCloseable {
  private final ExperimentStore store;
  private final ResourcePool pool = ResourcePool.ofThisMachine();
  private final ExperimentLauncher launcher;
  private final org.tunebench.ui.cluster.ClusterSettings cluster = new org.tunebench.ui.cluster.ClusterSettings();
  private final ObservableList<StoredExperiment> experiments = FXCollections.observableArrayList();
  private volatile Map<Long, String> owners = Map.of();
  /** The note of an experiment stored as RUNNING or PAUSED that no process runs any more. */
  public static final String NO_OWNER = "no owner";

  public MainViewModel(Path dbFile) {
    this.store = ExperimentStore.open(dbFile);
    this.launcher = new ExperimentLauncher(store, pool, DriverOptions.defaults().withKeepAlive(true));
    refresh();
  }

  /** Re-reads the experiment list; rows are replaced only when something changed, to keep selection. */
  public void refresh() {
    List<StoredExperiment> now = store.list();
    show(now, owners(now));
  }

  /**
   * Who runs each RUNNING or PAUSED experiment when it is not this process: another process, or nobody (its
   * owner died; only an owner changes a status, so it still reads RUNNING). Reads lock files: off the FX thread.
   */
  public static Map<Long, String> owners(List<StoredExperiment> list) {
    Map<Long, String> out = new java.util.HashMap<>();
    String me = org.tunebench.store.OwnerLock.me();
    for (StoredExperiment e : list) {
      if (!e.claimsAnOwner()) continue;
      String owner = org.tunebench.store.OwnerLock.liveOwner(Path.of(e.homeDir())).orElse(null);
      if (owner == null) out.put(e.id(), NO_OWNER);
      else if (!owner.equals(me)) out.put(e.id(), "process " + owner);
    }
    return out;
  }

  /** Shows a list read elsewhere, with its {@link #owners} (the window reads both off the FX thread). */
  public void show(List<StoredExperiment> now, Map<Long, String> ownersNow) {
    if (sameRows(now) && ownersNow.equals(owners)) return;
    owners = Map.copyOf(ownersNow);
    experiments.setAll(now);
  }

  /** "" for an experiment this process runs or that has ended; otherwise who runs it, or that nobody does. */
  public String ownerNote(StoredExperiment e) {
    return owners.getOrDefault(e.id(), "");
  }

  private boolean sameRows(List<StoredExperiment> now) {
    if (now.size() != experiments.size()) return false;
    for (int i = 0; i < now.size(); i++) {
      StoredExperiment a = now.get(i);
      StoredExperiment b = experiments.get(i);
      if (a.id() != b.id() || !String.valueOf(a.status()).equals(String.valueOf(b.status()))) return false;
    }
    return true;
  }

  /** Sample specs: {@code sample-projects/*}{@code /*.json} under {@code base}. */
  public static List<Path> samples(Path base) {
    List<Path> out = new ArrayList<>();
    Path dir = base.resolve("sample-projects");
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> projects = Files.list(dir)) {
      for (Path p : projects.sorted().toList()) {
        if (!Files.isDirectory(p)) continue;
        try (Stream<Path> files = Files.list(p)) {
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    return out;
  }

  public ExperimentStore store() { return store; }
  /** Local workers, or cluster agents when the cluster option is on (it checks its fields: BadInputException). */
  public ExperimentLauncher launcher() {
    return cluster.launcher(store, DriverOptions.defaults().withKeepAlive(true), launcher);
  }
  public org.tunebench.ui.cluster.ClusterSettings cluster() { return cluster; }
  public ResourcePool pool() { return pool; }
  public ObservableList<StoredExperiment> experiments() { return experiments; }

  @Override public void close() {
    store.close();
  }
}
