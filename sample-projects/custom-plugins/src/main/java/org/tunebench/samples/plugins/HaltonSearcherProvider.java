package org.tunebench.samples.plugins;

import java.util.List;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;
import org.tunebench.engine.search.Searcher;
import org.tunebench.engine.search.SearcherProvider;

/** {@code "search": {"type": "halton", "skip": 0}}: listed in META-INF/services, so Tunebench finds it by name. */
public final class HaltonSearcherProvider implements SearcherProvider {
  @Override public String type() {
    return "halton";
  }

  @Override public List<String> parameters() {
    return List.of("skip");
  }

  @Override public Searcher create(PluginParams params, PluginContext context) {
    int skip = params.intAtLeast("skip", 0, 0);
    try {
      return new HaltonSearcher(context.spec().space(), context.spec().numSamples(), skip);
    } catch (IllegalArgumentException e) {
      throw params.error("type", e.getMessage());
    }
  }
}
