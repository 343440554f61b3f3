package org.tunebench.ui;

import java.nio.file.Path;
import javafx.application.Platform;
import org.tunebench.charts.ParallelBrush;
import org.tunebench.store.StoredExperiment;

/**
 * Takes the README's learning-curves and analysis screenshots from the real window under Xvfb (not a test; run by
 * hand) on a database of real runs, e.g. after {@code tunebench run} of the pbt-mlp sample and of the logreg sample
 * with ASHA (60 trials):
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp target/test-classes:target/classes:$(cat target/cp-test.txt)
 * org.tunebench.ui.CurvesScreenshotTour DB assets mlp-pbt logreg-asha}.
 * The curves show the PBT run with its best trial selected; the analysis has a brush on the metric's better third.
 */
public final class CurvesScreenshotTour {
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path out = Path.of(args[1]).toAbsolutePath();
    String pbt = args[2];
    String analysed = args[3];
    MainViewModel vm = ScreenshotTour.openWindow(db, out);
    MainWindow[] w = {ScreenshotTour.window};
    ExperimentTab pt = open(vm, w[0], pbt);
    String best = ScreenshotTour.fx(() -> pt.session().table().rows().stream()
        .filter(r -> r.bestProperty().get() != null).max((x, y) -> Double.compare(x.bestProperty().get(), y.bestProperty().get()))
        .orElseThrow().id());
    ScreenshotTour.fx(() -> { pt.selectTrial(best); pt.showRun(); return null; });
    Thread.sleep(2500);
    AnalysisScreenshotTour.shot("curves.png");

    ExperimentTab t = open(vm, w[0], analysed);
    ScreenshotTour.fx(() -> { t.showAnalysis(); return null; });
    ScreenshotTour.waitFor(60, () -> t.analysis().table() != null && !t.analysis().isRefreshing());
    ScreenshotTour.fx(() -> {
      var table = t.analysis().table();
      double lo = java.util.Arrays.stream(table.y()).min().orElse(0);
      double hi = java.util.Arrays.stream(table.y()).max().orElse(1);
      t.analysis().setBrush(ParallelBrush.NONE.with(table.metric(), lo, lo + (hi - lo) / 3));
      return null;
    });
    Thread.sleep(1000);
    ScreenshotTour.waitFor(60, () -> !t.analysis().isRefreshing() && !t.analysis().brush().isEmpty());
    Thread.sleep(2500);
    AnalysisScreenshotTour.shot("analysis.png");
    ScreenshotTour.fx(() -> { w[0].close(); return null; });
    Platform.exit();
    System.exit(0);
  }

  private static ExperimentTab open(MainViewModel vm, MainWindow w, String name) throws Exception {
    StoredExperiment e = vm.experiments().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    ScreenshotTour.fx(() -> { w.open(e); return null; });
    ScreenshotTour.waitFor(60, () -> w.current().map(x -> x.session() != null && x.session().name().equals(name)
        && x.session().table().rows().size() > 0).orElse(false));
    Thread.sleep(1500);
    return w.current().orElseThrow();
  }
}
