package org.tunebench.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import org.tunebench.store.StoredExperiment;

/**
 * Takes the README's analysis, lineage, curves and compare screenshots from the real window under Xvfb (not a
 * test; run by hand) on a database of real runs, e.g. after {@code tunebench run} of the logreg sample with ASHA
 * (150 trials) and TPE, and of the pbt-mlp sample:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp target/test-classes:target/classes:$(cat target/cp-test.txt)
 * org.tunebench.ui.AnalysisScreenshotTour DB assets logreg-asha mlp-pbt logreg-tpe}.
 */
public final class AnalysisScreenshotTour {
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path out = Path.of(args[1]).toAbsolutePath();
    String analysed = args[2];
    String pbt = args[3];
    String other = args[4];
    MainViewModel vm = ScreenshotTour.openWindow(db, out);
    MainWindow[] w = {ScreenshotTour.window};
    StoredExperiment a = vm.experiments().stream().filter(e -> e.name().equals(analysed)).findFirst().orElseThrow();
    ScreenshotTour.fx(() -> { w[0].open(a); return null; });
    ScreenshotTour.waitFor(60, () -> w[0].current().map(t -> t.session() != null && t.session().table().rows().size() > 0).orElse(false));
    Thread.sleep(2000);
    ExperimentTab t = w[0].current().orElseThrow();
    String bestId = ScreenshotTour.fx(() -> t.session().table().rows().stream()
        .filter(r -> r.bestProperty().get() != null).min((x, y) -> Double.compare(x.bestProperty().get(), y.bestProperty().get()))
        .orElseThrow().id());
    ScreenshotTour.fx(() -> { t.selectTrial(bestId); return null; });
    Thread.sleep(1500);
    shot("curves.png");
    ScreenshotTour.fx(() -> { t.showAnalysis(); return null; });
    ScreenshotTour.waitFor(60, () -> t.analysis().table() != null && !t.analysis().isRefreshing());
    Thread.sleep(2500);
    shot("analysis.png");

    StoredExperiment p = vm.experiments().stream().filter(e -> e.name().equals(pbt)).findFirst().orElseThrow();
    ScreenshotTour.fx(() -> { w[0].open(p); return null; });
    ScreenshotTour.waitFor(60, () -> w[0].current().map(x -> x.session() != null && x.session().name().equals(pbt)
        && x.session().table().rows().size() > 0).orElse(false));
    Thread.sleep(1500);
    ExperimentTab pt = w[0].current().orElseThrow();
    ScreenshotTour.fx(() -> { pt.showLineage(); return null; });
    ScreenshotTour.waitFor(60, () -> pt.lineage().lineage() != null);
    Thread.sleep(2000);
    shot("lineage.png");

    List<StoredExperiment> two = vm.experiments().stream().filter(e -> e.name().equals(analysed) || e.name().equals(other)).toList();
    ScreenshotTour.fx(() -> { w[0].compare(two); return null; });
    Thread.sleep(6000);
    shot("compare.png");
    ScreenshotTour.fx(() -> { w[0].close(); return null; });
    Platform.exit();
    System.exit(0);
  }

  static void shot(String name) throws Exception {
    Process p = new ProcessBuilder("import", "-window", "root", "-crop",
        Integer.getInteger("shots.width", 1600) + "x" + Integer.getInteger("shots.height", 1000) + "+0+0",
        ScreenshotTour.out.resolve(name).toString()).inheritIO().start();
    if (p.waitFor() != 0) throw new IllegalStateException("import failed for " + name);
    System.out.println("wrote " + ScreenshotTour.out.resolve(name));
  }
}
