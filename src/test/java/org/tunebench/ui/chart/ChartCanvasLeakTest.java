package org.tunebench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import javafx.scene.canvas.GraphicsContext;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A chart no longer shown is collectable although the palette it follows is static. */
@ExtendWith(ApplicationExtension.class)
class ChartCanvasLeakTest {
  @Start void start(Stage stage) {
  }

  static final class Probe extends ChartCanvas {
    int paints;

    @Override protected void paint(GraphicsContext g, double w, double h, Palette p) {
      paints++;
    }
  }

  @Test void aDroppedChartIsCollectedAndALiveOneStillFollowsThePalette() throws Exception {
    Probe live = new Probe();
    live.paintIfDirty();
    Palette.CURRENT.set(Palette.fallback());
    live.paintIfDirty();
    assertTrue(live.paints >= 2, "a palette change marks the chart dirty");

    WeakReference<Probe> ref = new WeakReference<>(new Probe());
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(ref.get(), "the static palette property must not keep a dropped chart alive");
  }
}
