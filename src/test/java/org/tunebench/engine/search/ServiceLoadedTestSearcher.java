package org.tunebench.engine.search;

import java.util.List;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;

/**
 * A searcher type found only through the test class path's {@code META-INF/services}, as a user's plug-in is:
 * proves the registry asks ServiceLoader rather than a fixed list.
 */
public final class ServiceLoadedTestSearcher implements SearcherProvider {
  @Override public String type() { return "test-fixed"; }

  @Override public List<String> parameters() { return List.of("budget"); }

  @Override public Searcher create(PluginParams params, PluginContext context) {
    int budget = params.intAtLeast("budget", 1, 1);
    return new RandomSearcher(context.spec().space(), budget, List.of(), 7L);
  }
}
