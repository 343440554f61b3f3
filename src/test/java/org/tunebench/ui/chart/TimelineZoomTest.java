package org.tunebench.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import javafx.stage.Stage;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.session.TimelineModel;

/** A user's zoom on the timeline's rows survives new trials, labelled or not; with no zoom every row shows. */
@ExtendWith(ApplicationExtension.class)
class TimelineZoomTest {
  @Start void start(Stage stage) {
  }

  @Test void aZoomOnTheRowsSurvivesNewTrialsAndWithoutOneTheNewRowsShow() {
    TimelineModel m = new TimelineModel();
    add(m, 0, 5);
    TimelineChart c = new TimelineChart(m, () -> null);
    repaint(c);
    var plot = c.chart().getXYPlot();
    assertTrue(plot.getRangeAxis() instanceof org.jfree.chart.axis.SymbolAxis);
    plot.getRangeAxis().setRange(new Range(0.5, 2.5));
    add(m, 5, 10);
    repaint(c);
    assertEquals(new Range(0.5, 2.5), plot.getRangeAxis().getRange(), "labelled rows keep the zoom");

    add(m, 10, 60); // past the labelled rows: a plain axis
    repaint(c);
    assertFalse(plot.getRangeAxis() instanceof org.jfree.chart.axis.SymbolAxis);
    assertEquals(new Range(0.5, 2.5), plot.getRangeAxis().getRange(), "the zoom carries onto the unlabelled axis");

    c.pane().resetZoom();
    add(m, 60, 70);
    repaint(c);
    Range all = plot.getRangeAxis().getRange();
    assertTrue(all.getLowerBound() <= 0 && all.getUpperBound() >= 69, "no zoom: every row shows, the new ones too: " + all);
    add(m, 70, 80);
    repaint(c);
    assertTrue(plot.getRangeAxis().getRange().getUpperBound() >= 79, "still every row: " + plot.getRangeAxis().getRange());
  }

  /** Now, not when the pace allows (the live dashboard's pulse waits for that). */
  private static void repaint(TimelineChart c) {
    c.markDirty();
    assertTrue(c.paintIfDirty());
  }

  private static void add(TimelineModel m, int from, int to) {
    for (int i = from; i < to; i++) m.add(String.format("%05d", i), Instant.ofEpochMilli(1_000 + i), TrialStatus.RUNNING);
  }
}
