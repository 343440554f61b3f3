package org.tunebench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TimelineModel;

/** A chart no longer shown is collectable although the palette it follows is static; a live one follows it. */
@ExtendWith(ApplicationExtension.class)
class ChartLeakTest {
  @Start void start(Stage stage) {
  }

  @SuppressWarnings("unchecked")
  @Test void aDroppedChartIsCollectedAndALiveOneStillFollowsThePalette() throws Exception {
    TimelineModel m = new TimelineModel();
    m.add("00000", Instant.ofEpochMilli(1_000), TrialStatus.RUNNING);
    TimelineChart live = new TimelineChart(m, () -> null);
    live.paintIfDirty();
    live.chart().getXYPlot().getRenderer().setSeriesPaint(TrialStatus.RUNNING.ordinal(), java.awt.Color.MAGENTA);
    Palette.CURRENT.set(Palette.fallback());
    java.awt.Paint running = live.chart().getXYPlot().getRenderer().getSeriesPaint(TrialStatus.RUNNING.ordinal());
    assertEquals(ChartStyles.awt(Palette.current().status(TrialStatus.RUNNING)), running, "a palette change restyles it");

    Supplier<Object>[] makers = new Supplier[] {() -> new TimelineChart(new TimelineModel(), () -> null),
        () -> new BestSoFarChart(() -> 0L)};
    for (Supplier<Object> make : makers) {
      WeakReference<Object> ref = new WeakReference<>(make.get());
      for (int i = 0; i < 50 && ref.get() != null; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertNull(ref.get(), "the static palette property must not keep a dropped chart alive");
    }
  }
}
