package org.tunebench.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import org.tunebench.store.StoredExperiment;

/**
 * Takes the README's Pareto-front screenshot from the real window under Xvfb (not a test; run by hand) on a
 * database holding a real two-objective run, e.g. after
 * {@code tunebench run sample-projects/logreg/logreg-pareto.json --db DB}:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp target/test-classes:target/classes:$(cat target/cp-test.txt)
 * org.tunebench.ui.ParetoScreenshotTour DB assets logreg-pareto}. A Pareto-optimal trial in the middle of the
 * front is selected, so the ring and the table's selection show.
 */
public final class ParetoScreenshotTour {
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path out = Path.of(args[1]).toAbsolutePath();
    String name = args[2];
    MainViewModel vm = ScreenshotTour.openWindow(db, out);
    MainWindow[] w = {ScreenshotTour.window};
    StoredExperiment e = vm.experiments().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    ScreenshotTour.fx(() -> { w[0].open(e); return null; });
    ScreenshotTour.waitFor(60, () -> w[0].current().map(t -> t.session() != null && t.session().table().rows().size() > 0).orElse(false));
    Thread.sleep(2000);
    ExperimentTab t = w[0].current().orElseThrow();
    ScreenshotTour.fx(() -> { t.showAnalysis(); return null; });
    ScreenshotTour.waitFor(60, () -> t.analysis().paretoTable() != null && !t.analysis().isRefreshing());
    List<String> front = ScreenshotTour.fx(() -> t.analysis().paretoTable().frontIds());
    // the front in order of the first objective, then its middle trial
    List<String> byFirst = ScreenshotTour.fx(() -> {
      var p = t.analysis().paretoTable();
      return front.stream().sorted(java.util.Comparator.comparingDouble(id -> p.values()[p.ids().indexOf(id)][0])).toList();
    });
    String pick = byFirst.get(byFirst.size() / 2);
    ScreenshotTour.fx(() -> { t.selectTrial(pick); return null; });
    ScreenshotTour.waitFor(60, () -> !t.analysis().isRefreshing());
    Thread.sleep(2500);
    AnalysisScreenshotTour.shot("pareto.png");
    ScreenshotTour.fx(() -> { w[0].close(); return null; });
    Platform.exit();
    System.exit(0);
  }
}
