package org.tunebench.app.analysis;

import java.util.List;

/**
 * How one hyperparameter is laid out on a chart and fed to the importance model: linear, logarithmic (a log
 * domain, modelled and drawn in log10) or categorical (the choice's index, labelled with its values).
 */
public record ParamAxis(String name, Scale scale, List<String> categories) {
  public enum Scale { LINEAR, LOG, CATEGORICAL }

  public ParamAxis {
    categories = List.copyOf(categories);
  }

  /** The value as the model sees it: log10 for a log axis, the index for a categorical one, NaN when missing. */
  public double encode(Object v) {
    return switch (scale) {
      case CATEGORICAL -> {
        int i = categories.indexOf(String.valueOf(v));
        yield i < 0 ? Double.NaN : i;
      }
      case LOG -> v instanceof Number n && n.doubleValue() > 0 ? Math.log10(n.doubleValue()) : Double.NaN;
      case LINEAR -> v instanceof Number n ? n.doubleValue() : Double.NaN;
    };
  }

  /** The inverse of {@link #encode} for display (a category's label, a log axis' plain value). */
  public String label(double encoded) {
    return switch (scale) {
      case CATEGORICAL -> {
        int i = (int) Math.round(encoded);
        yield i >= 0 && i < categories.size() ? categories.get(i) : "";
      }
      case LOG -> Double.toString(Math.pow(10, encoded));
      case LINEAR -> Double.toString(encoded);
    };
  }
}
