package org.tunebench.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.tunebench.model.TrialStatus;
import org.tunebench.ui.chart.Palette;

/**
 * Reads the theme's looked-up colours by styling a hidden probe region with each one: CSS stays the single
 * source of every colour, and canvases (which CSS cannot style) get exactly the same values.
 */
final class ThemeColors {
  private ThemeColors() {}

  static Palette read(Pane host) {
    Map<TrialStatus, Color> status = new EnumMap<>(TrialStatus.class);
    for (TrialStatus s : TrialStatus.values()) status.put(s, color(host, "-status-" + s.name().toLowerCase(Locale.ROOT)));
    List<Color> series = new ArrayList<>();
    for (int i = 1; i <= 8; i++) series.add(color(host, "-chart-" + i));
    return new Palette(color(host, "-color-bg-subtle"), color(host, "-color-fg"), color(host, "-color-fg-muted"),
        color(host, "-color-grid"), color(host, "-color-accent"), status, series);
  }

  static Color color(Pane host, String lookedUp) {
    Region probe = new Region();
    probe.setManaged(false);
    probe.setVisible(false);
    probe.setStyle("-fx-background-color: " + lookedUp + ";");
    host.getChildren().add(probe);
    try {
      probe.applyCss();
      if (probe.getBackground() == null || probe.getBackground().getFills().isEmpty()) return Color.GRAY;
      Paint p = probe.getBackground().getFills().get(0).getFill();
      return p instanceof Color c ? c : Color.GRAY;
    } finally {
      host.getChildren().remove(probe);
    }
  }
}
