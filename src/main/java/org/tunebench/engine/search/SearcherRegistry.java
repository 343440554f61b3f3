package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tunebench.engine.PluginContext;
import org.tunebench.engine.PluginParams;
import org.tunebench.engine.PluginRegistry;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SpecReader;

/**
 * Maps {@code search.type} to the {@link SearcherProvider} offering it (ServiceLoader: the built-ins, then the
 * trainable's JAR and plug-in JARs). Checks {@code $.search}'s names against the provider's parameters and wraps
 * the searcher in a {@link ConcurrencyLimiter} when {@code search.maxConcurrent} is set.
 */
public final class SearcherRegistry {
  private static final PluginRegistry<SearcherProvider> PROVIDERS = new PluginRegistry<>(SearcherProvider.class, "search");

  private SearcherRegistry() {}

  /** Adds a provider by code (embedding, tests); the normal way is a {@code META-INF/services} line. */
  public static void register(SearcherProvider provider) {
    PROVIDERS.register(provider);
  }

  /** The types Tunebench itself offers (and any registered by code). */
  public static List<String> types() {
    return types(null);
  }

  /** The types available through {@code loader} (null: Tunebench's own). */
  public static List<String> types(ClassLoader loader) {
    return PROVIDERS.types(loader);
  }

  public static Searcher create(ExperimentSpec spec) {
    return create(spec, null);
  }

  /** A fresh searcher for the spec, its provider found through {@code loader} (null: built-ins only). */
  public static Searcher create(ExperimentSpec spec, ClassLoader loader) {
    SearcherProvider provider = PROVIDERS.find(spec.search().type(), loader, "$.search.type");
    ObjectNode params = spec.search().params();
    PluginParams p = new PluginParams(params, "$.search", withCommon(provider.parameters()));
    Searcher searcher = provider.create(p, PluginContext.of(spec, InstantSource.system()));
    JsonNode limit = params == null ? null : params.get(SpecReader.MAX_CONCURRENT);
    if (limit == null || limit.isNull()) return searcher;
    return new ConcurrencyLimiter(searcher, p.intAtLeast(SpecReader.MAX_CONCURRENT, 1, 1));
  }

  /** Throws for the first key of {@code params} not in {@code allowed}, naming {@code $.search.<key>}. */
  public static void rejectUnknownParams(ObjectNode params, Collection<String> allowed) {
    new PluginParams(params, "$.search", withCommon(allowed));
  }

  /** Every searcher takes {@code seed} (read by the spec reader) and {@code maxConcurrent} besides its own names. */
  private static List<String> withCommon(Collection<String> own) {
    List<String> all = new ArrayList<>(List.of("seed"));
    all.addAll(own);
    all.add(SpecReader.MAX_CONCURRENT);
    return all;
  }
}
