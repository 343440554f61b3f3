package org.tunebench.engine.search;

import org.tunebench.engine.PluginProvider;

/**
 * A searcher type ({@code search.type}), listed in {@code META-INF/services/org.tunebench.engine.search.SearcherProvider}.
 * {@link #create} gets {@code $.search} (its names already checked against {@link #parameters()}, plus
 * {@code maxConcurrent}, which the registry handles) and a context whose {@code spec()} is never null: the
 * searcher needs its space, {@code numSamples} and {@code search.seed}.
 */
public interface SearcherProvider extends PluginProvider<Searcher> {}
