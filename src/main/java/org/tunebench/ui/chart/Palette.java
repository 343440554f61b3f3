package org.tunebench.ui.chart;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.paint.Color;
import org.tunebench.model.TrialStatus;

/**
 * The colours charts draw with, read from the theme's CSS looked-up colours (see {@code ThemeColors}) so
 * canvases follow the theme and status colours match the table badges exactly.
 */
public record Palette(Color bg, Color fg, Color muted, Color grid, Color accent, Map<TrialStatus, Color> status,
    List<Color> series) {

  /** The palette in use; charts repaint when it changes. */
  public static final ObjectProperty<Palette> CURRENT = new SimpleObjectProperty<>(fallback());

  public static Palette current() {
    return CURRENT.get();
  }

  public Color status(TrialStatus s) {
    return status.get(s);
  }

  public Color series(int i) {
    return series.get(Math.floorMod(i, series.size()));
  }

  /**
   * The series colours without the accent, for trials that are not selected: the selected trial is drawn in
   * the accent, and another trial in the same colour looked selected too.
   */
  public List<Color> unselectedSeries() {
    List<Color> others = series.stream().filter(c -> !c.equals(accent)).toList();
    return others.isEmpty() ? series : others;
  }

  /** Same values as light.css, for before the first scene exists and for toolkit-free code. */
  public static Palette fallback() {
    Map<TrialStatus, Color> st = new EnumMap<>(TrialStatus.class);
    st.put(TrialStatus.PENDING, Color.web("#8c959f"));
    st.put(TrialStatus.RUNNING, Color.web("#1a7f37"));
    st.put(TrialStatus.PAUSED, Color.web("#d4a72c"));
    st.put(TrialStatus.TERMINATED, Color.web("#0969da"));
    st.put(TrialStatus.ERRORED, Color.web("#cf222e"));
    return new Palette(Color.web("#ffffff"), Color.web("#1f2328"), Color.web("#59636e"), Color.web("#e6eaef"),
        Color.web("#0969da"), st, List.of(Color.web("#0969da"), Color.web("#bc4c00"), Color.web("#1a7f37"),
            Color.web("#8250df"), Color.web("#bf3989"), Color.web("#1b7c83"), Color.web("#9a6700"), Color.web("#57606a")));
  }
}
