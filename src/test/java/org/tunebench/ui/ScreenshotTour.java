package org.tunebench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.StoredExperiment;

/**
 * Takes the README screenshots from the real window under Xvfb (not a test; run by hand):
 * {@code xvfb-run -a -s "-screen 0 1440x900x24" java -cp target/test-classes:target/classes:$(cat target/cp-test.txt)
 * org.tunebench.ui.ScreenshotTour assets}. Whole-screen grabs with ImageMagick's {@code import}, so popups
 * (menus, ControlsFX notifications) are in the picture as a user sees them.
 */
public final class ScreenshotTour {
  static MainWindow window;
  static Path out;

  public static void main(String[] args) throws Exception {
    out = Path.of(args.length > 0 ? args[0] : "assets").toAbsolutePath();
    // -Dshots.home=DIR: the pictures show a user's folders (DIR/experiments, DIR/.tunebench, the status bar's "~"),
    // not wherever the tour happens to run; without it, a throwaway folder
    String home = System.getProperty("shots.home");
    if (home != null) System.setProperty("user.home", home);
    Path dir = home == null ? Files.createTempDirectory("tb-shots") : Files.createDirectories(Path.of(home, "experiments"));
    Path data = home == null ? dir : Files.createDirectories(Path.of(home, ".tunebench"));
    startToolkit();
    // the history is made of real headless runs of the samples, one of them killed with SIGKILL mid-run
    Path db = data.resolve("tunebench.mv.db");
    cliRun(db, logreg(dir, "logreg-asha", "tpe", true), null);
    cliRun(db, logreg(dir, "logreg-random", "random", false), null);
    cliRun(db, UiFixtures.longRosenbrock(dir, "killed-run", 4), java.time.Duration.ofSeconds(8));
    MainViewModel vm = new MainViewModel(db);
    vm.refresh();
    showWindow(vm, 1440, 900);
    Path spec = UiFixtures.longRosenbrock(dir, "rosenbrock-live", 6);
    // the pictures show the JAR in the throwaway folder, not wherever this checkout lives
    Path jar = Files.copy(UiFixtures.projectDir().resolve("sample-projects/rosenbrock/target/rosenbrock-trainable.jar"),
        dir.resolve("rosenbrock-trainable.jar"));
    Files.writeString(spec, Files.readString(spec).replace(
        UiFixtures.projectDir().resolve("sample-projects/rosenbrock/target/rosenbrock-trainable.jar").toString(), jar.toString()));
    ExperimentTab live = fx(() -> window.openSpec(spec));
    // the first frame of a cold JVM can take seconds on a busy machine: a blank shot helps nobody
    Thread.sleep(5000);
    shot("setup.png");

    fx(() -> { live.start(); return null; });
    waitFor(60, () -> row(live, "00001") != null && row(live, "00001").iterationProperty().get() >= 6);
    // one trial paused and resumed (a closed PAUSED span), one left PAUSED
    live.session().running().controller().pauseTrial("00000");
    Thread.sleep(3000);
    live.session().running().controller().resumeTrial("00000");
    live.session().running().controller().pauseTrial("00001");
    Thread.sleep(7000);
    fx(() -> {
      live.run().table().getSelectionModel().select(row(live, "00000"));
      return null;
    });
    Thread.sleep(1200);
    shot("run-dashboard-light.png");
    // the dark shot shows the log scale too (rosenbrock's loss spans four decades)
    fx(() -> { window.setTheme(Theme.DARK); ((javafx.scene.control.CheckBox) window.stage().getScene().lookup("#log-scale")).setSelected(true); return null; });
    Thread.sleep(1200);
    shot("run-dashboard-dark.png");
    fx(() -> { window.setTheme(Theme.LIGHT); ((javafx.scene.control.CheckBox) window.stage().getScene().lookup("#log-scale")).setSelected(false); return null; });

    fx(() -> { live.showAnalysis(); return null; });
    Thread.sleep(1500);
    shot("analysis.png");
    fx(() -> { live.showRun(); return null; });

    fx(() -> { live.openDetail(row(live, "00000")); return null; });
    Thread.sleep(2500);
    fx(() -> {
      for (Window w : Window.getWindows()) {
        if (w.getScene() != null && w.getScene().lookup("#detail-tabs") instanceof javafx.scene.control.TabPane tp) tp.getSelectionModel().select(2);
      }
      return null;
    });
    Thread.sleep(800);
    shot("trial-detail.png");
    fx(() -> {
      for (Window w : List.copyOf(Window.getWindows())) if (w != window.stage() && w instanceof Stage s) s.close();
      return null;
    });

    fx(() -> {
      List<StoredExperiment> two = vm.experiments().stream()
          .filter(e -> e.name().equals("logreg-asha") || e.name().equals("logreg-random")).toList();
      window.sidebar().list().getSelectionModel().clearSelection();
      for (StoredExperiment e : two) window.sidebar().list().getSelectionModel().select(e);
      window.compare(two);
      return null;
    });
    Thread.sleep(2500);
    shot("history.png");

    // an errored trial raises a ControlsFX notification
    fx(() -> { window.tabs().getSelectionModel().select(live); return null; });
    // free the slots first: hand-added trials queue behind the pending ones
    for (int i = 0; i < 6; i++) live.session().running().controller().stopTrial(String.format("%05d", i));
    live.session().running().controller().addTrial(java.util.Map.of("x", 0.5, "y", 0.5, "lr", -1.0, "noise", 0.0,
        "iterations", 100, "stepMillis", 50));
    waitFor(90, () -> live.session().table().count(TrialStatus.ERRORED) > 0);
    Thread.sleep(1500);
    shot("notification-trial-errored.png");

    // the History view with its search
    fx(() -> { window.showHistory(); return null; });
    Thread.sleep(1200);
    shot("history-view.png");

    // the smallest supported window: 1024x700, nothing squeezed into "Paus…"
    fx(() -> {
      window.tabs().getSelectionModel().select(live);
      live.showRun();
      window.stage().setWidth(1024);
      window.stage().setHeight(700);
      return null;
    });
    Thread.sleep(2000);
    shot("run-dashboard-1024x700.png", "1024x700+0+0");
    fx(() -> { window.setTheme(Theme.DARK); return null; });
    Thread.sleep(1200);
    shot("run-dashboard-dark-1024x700.png", "1024x700+0+0");
    fx(() -> { window.setTheme(Theme.LIGHT); live.showSetup(); return null; });
    Thread.sleep(1200);
    shot("setup-1024x700.png", "1024x700+0+0");
    fx(() -> { window.close(); return null; });
    Platform.exit();
    System.exit(0);
  }

  /** The logreg sample, 16 trials of 30 iterations: TPE with ASHA, or random search run to the end. */
  static Path logreg(Path dir, String name, String searcher, boolean asha) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode spec = (com.fasterxml.jackson.databind.node.ObjectNode)
        m.readTree(UiFixtures.projectDir().resolve("sample-projects/logreg/logreg.json").toFile());
    spec.put("name", name);
    Path jar = dir.resolve("logreg-trainable.jar");
    if (!Files.exists(jar)) {
      Files.copy(UiFixtures.projectDir().resolve("sample-projects/logreg/target/logreg-trainable.jar"), jar);
    }
    spec.with("trainable").put("jar", jar.toString());
    spec.put("numSamples", 16);
    spec.putObject("search").put("type", searcher).put("seed", 11);
    if (asha) {
      spec.putObject("scheduler").put("type", "asha").put("maxT", 30).put("gracePeriod", 3).put("reductionFactor", 3);
    }
    spec.putObject("stop").put("training_iteration", 30);
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, m.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    return file;
  }

  /**
   * {@code tunebench run SPEC --db DB} in a child JVM on this class path, to its end; or, with {@code killAfter},
   * killed with SIGKILL that long after its start (its experiment then stays RUNNING with no owner).
   */
  static void cliRun(Path db, Path spec, java.time.Duration killAfter) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "org.tunebench.cli.TunebenchMain",
        "run", spec.toString(), "--db", db.toString())
        .redirectErrorStream(true).redirectOutput(spec.resolveSibling(spec.getFileName() + ".log").toFile()).start();
    if (killAfter != null) {
      if (p.waitFor(killAfter.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(spec + " ended before it could be killed");
      }
      p.destroyForcibly();
      p.waitFor();
      return;
    }
    int rc = p.waitFor();
    if (rc != 0 && rc != 1) throw new IllegalStateException(spec + ": run exited " + rc);
  }

  static org.tunebench.ui.session.TrialRow row(ExperimentTab t, String id) {
    return t.session() == null ? null : t.session().table().row(id);
  }

  static void waitFor(int seconds, BooleanSupplier c) throws Exception {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < end) {
      if (fx(c::getAsBoolean)) return;
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out");
  }

  /**
   * The workbench on {@code db} in a window at the screen's corner, 1600x1000 unless {@code -Dshots.width} and
   * {@code -Dshots.height} say otherwise (to look at a small screen); shots go to {@code shots}.
   */
  static MainViewModel openWindow(Path db, Path shots) throws Exception {
    startToolkit();
    MainViewModel vm = new MainViewModel(db);
    vm.refresh();
    showWindow(vm, Integer.getInteger("shots.width", 1600), Integer.getInteger("shots.height", 1000));
    out = shots;
    return vm;
  }

  private static void startToolkit() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
  }

  /** The main window on {@code vm}, {@code width} x {@code height} at the screen's corner. */
  private static void showWindow(MainViewModel vm, int width, int height) throws Exception {
    fx(() -> {
      Stage st = new Stage();
      WindowPrefs prefs = UiFixtures.prefs();
      prefs.put("window.width", width);
      prefs.put("window.height", height);
      window = new MainWindow(st, vm, prefs);
      st.setX(0);
      st.setY(0);
      st.show();
      return null;
    });
  }

  static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
    FutureTask<T> f = new FutureTask<>(c);
    Platform.runLater(f);
    return f.get();
  }

  static void shot(String name) throws Exception {
    shot(name, "1440x900+0+0");
  }

  /**
   * Waits until the FX thread has run a few pulses since now, so a change (theme, check box, window size) is
   * rendered before the grab: on a busy machine a fixed sleep was not enough (a "dark" shot came out light).
   */
  static void settle() throws Exception {
    java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();
    javafx.animation.AnimationTimer t = fx(() -> {
      javafx.animation.AnimationTimer a = new javafx.animation.AnimationTimer() {
        @Override public void handle(long now) {
          pulses.incrementAndGet();
        }
      };
      a.start();
      return a;
    });
    long end = System.currentTimeMillis() + 30_000;
    while (pulses.get() < 4 && System.currentTimeMillis() < end) Thread.sleep(50);
    fx(() -> { t.stop(); return null; });
    // the render thread draws after the pulse
    Thread.sleep(700);
  }

  static void shot(String name, String crop) throws Exception {
    settle();
    Process p = new ProcessBuilder("import", "-window", "root", "-crop", crop, out.resolve(name).toString())
        .inheritIO().start();
    if (p.waitFor() != 0) throw new IllegalStateException("import failed for " + name);
    System.out.println("wrote " + out.resolve(name));
  }
}
