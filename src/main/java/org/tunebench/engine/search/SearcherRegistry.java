package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.JsonPaths;
import org.tunebench.model.SpecException;
import org.tunebench.model.SpecReader;

/**
 * Maps {@code search.type} to the searcher implementing it. Each factory checks its own parameters (the
 * keys of {@code spec.search().params()}) with {@link #rejectUnknownParams}. A new searcher is one more
 * {@link #register} line in the static block.
 */
public final class SearcherRegistry {

  @FunctionalInterface
  public interface Factory {
    /** A fresh searcher for the spec; throws {@link SpecException} for bad {@code $.search.*} values. */
    Searcher create(ExperimentSpec spec);
  }

  private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

  static {
    register(RandomSearcher.TYPE, RandomSearcher::create);
    register(GridSearcher.TYPE, GridSearcher::create);
    register(TpeSearcher.TYPE, TpeSearcher::create);
    register(GpSearcher.TYPE, GpSearcher::create);
    register(NsgaIISearcher.TYPE, NsgaIISearcher::create);
  }

  private SearcherRegistry() {}

  public static synchronized void register(String type, Factory factory) {
    FACTORIES.put(type, factory);
  }

  public static synchronized Set<String> types() {
    return Set.copyOf(FACTORIES.keySet());
  }

  public static Searcher create(ExperimentSpec spec) {
    String type = spec.search().type();
    Factory factory;
    List<String> available;
    synchronized (SearcherRegistry.class) {
      factory = FACTORIES.get(type);
      available = new ArrayList<>(FACTORIES.keySet());
    }
    if (factory == null) {
      throw new SpecException("$.search.type", "search type \"" + type + "\" is not available in this build; available: "
          + String.join(", ", available));
    }
    Searcher searcher = factory.create(spec);
    ObjectNode params = spec.search().params();
    JsonNode limit = params == null ? null : params.get(SpecReader.MAX_CONCURRENT);
    if (limit == null || limit.isNull()) return searcher;
    if (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.intValue() < 1) {
      throw new SpecException("$.search." + SpecReader.MAX_CONCURRENT, "expected a whole number >= 1, got " + limit);
    }
    return new ConcurrencyLimiter(searcher, limit.intValue());
  }

  /** Throws for the first key of {@code params} not in {@code allowed}, naming {@code $.search.<key>}. */
  public static void rejectUnknownParams(ObjectNode params, Collection<String> allowed) {
    if (params == null) return;
    params.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key) && !key.equals(SpecReader.MAX_CONCURRENT)) {
        List<String> all = new ArrayList<>(List.of("type", "seed"));
        all.addAll(allowed);
        all.add(SpecReader.MAX_CONCURRENT);
        throw new SpecException(JsonPaths.child("$.search", key), "unknown field; allowed: " + String.join(", ", all));
      }
    });
  }
}
