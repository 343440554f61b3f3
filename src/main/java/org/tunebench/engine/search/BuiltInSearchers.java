package org.tunebench.engine.search;

import java.util.List;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;

/** The searchers shipped with Tunebench, found by ServiceLoader like a user's. */
public final class BuiltInSearchers {
  private BuiltInSearchers() {}

  public static final class Random implements SearcherProvider {
    @Override public String type() { return RandomSearcher.TYPE; }
    @Override public List<String> parameters() { return List.of(PointsToEvaluate.PARAM); }
    @Override public Searcher create(PluginParams params, PluginContext context) { return RandomSearcher.create(context.spec()); }
  }

  public static final class Grid implements SearcherProvider {
    @Override public String type() { return GridSearcher.TYPE; }
    @Override public List<String> parameters() { return List.of(PointsToEvaluate.PARAM); }
    @Override public Searcher create(PluginParams params, PluginContext context) { return GridSearcher.create(context.spec()); }
  }

  public static final class Tpe implements SearcherProvider {
    @Override public String type() { return TpeSearcher.TYPE; }
    @Override public List<String> parameters() { return TpeSearcher.PARAMS; }
    @Override public Searcher create(PluginParams params, PluginContext context) { return TpeSearcher.create(context.spec()); }
  }

  public static final class Gp implements SearcherProvider {
    @Override public String type() { return GpSearcher.TYPE; }
    @Override public List<String> parameters() { return GpSearcher.PARAMS; }
    @Override public Searcher create(PluginParams params, PluginContext context) { return GpSearcher.create(context.spec()); }
  }

  public static final class NsgaII implements SearcherProvider {
    @Override public String type() { return NsgaIISearcher.TYPE; }
    @Override public List<String> parameters() { return NsgaIISearcher.PARAMS; }
    @Override public Searcher create(PluginParams params, PluginContext context) { return NsgaIISearcher.create(context.spec()); }
  }
}
