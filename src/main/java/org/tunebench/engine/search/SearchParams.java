package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tunebench.engine.PluginParams;

/** {@link PluginParams} over {@code $.search}, for the searchers whose names {@link SearcherRegistry} has checked. */
final class SearchParams {
  private final PluginParams p;

  SearchParams(ObjectNode params) {
    this.p = PluginParams.unchecked(params, "$.search");
  }

  int intAtLeast(String key, int fallback, int min) {
    return p.intAtLeast(key, fallback, min);
  }

  double fraction(String key, double fallback) {
    return p.fraction(key, fallback);
  }

  double positive(String key, double fallback) {
    return p.positive(key, fallback);
  }

  boolean bool(String key, boolean fallback) {
    return p.bool(key, fallback);
  }
}
