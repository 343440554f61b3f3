package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunebench.model.Domain;
import org.tunebench.model.JsonPaths;
import org.tunebench.model.JsonValues;
import org.tunebench.model.NestedChoice;
import org.tunebench.model.NumericDomain;
import org.tunebench.model.SearchSpace;
import org.tunebench.model.SpecException;

/**
 * Ray Tune's {@code points_to_evaluate}: configs the user wants tried first, before any searcher draws its
 * own. A point may be partial (the searcher fills the other leaves) and may use dotted or nested keys. They
 * count towards {@code numSamples}, as in Ray Tune.
 */
public final class PointsToEvaluate {
  public static final String PARAM = "pointsToEvaluate";
  private static final String PATH = "$.search." + PARAM;

  private PointsToEvaluate() {}

  /** The points of {@code $.search.pointsToEvaluate} as dotted maps, each value checked against its domain. */
  public static List<Map<String, Object>> parse(ObjectNode params, SearchSpace space) {
    JsonNode node = params == null ? null : params.get(PARAM);
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw new SpecException(PATH, "expected a list of config objects, got " + node.getNodeType());
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = JsonPaths.index(PATH, i);
      JsonNode point = node.get(i);
      if (!point.isObject()) throw new SpecException(path, "expected a config object, got " + point.getNodeType());
      Map<String, Object> dotted = new LinkedHashMap<>();
      collect(point, "", path, space, dotted);
      points.add(Collections.unmodifiableMap(dotted));
    }
    return List.copyOf(points);
  }

  private static void collect(JsonNode object, String prefix, String path, SearchSpace space, Map<String, Object> out) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String dotted = prefix + e.getKey();
      String keyPath = JsonPaths.child(path, e.getKey());
      Domain domain = space.domains().get(dotted);
      if (domain instanceof NestedChoice nc) {
        // a conditional choice is given as the whole option the trainable would see
        Object value = JsonValues.toJava(e.getValue());
        int option = nc.optionOf(value);
        if (option < 0) throw new SpecException(keyPath, "value " + e.getValue() + " matches no option of " + dotted + " " + nc.toJson());
        out.put(dotted, (long) option);
        if (nc.options().get(option) instanceof SearchSpace s && value instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked") Map<String, Object> branch = (Map<String, Object>) m;
          DottedConfig.fromNested(s, branch, false).forEach((k, v) -> out.put(dotted + "." + option + "." + k, v));
        }
      } else if (domain != null) {
        Object value = asDomainType(domain, JsonValues.toJava(e.getValue()));
        if (!domain.contains(value)) {
          throw new SpecException(keyPath, "value " + e.getValue() + " lies outside the domain " + domain.toJson() + " of " + dotted);
        }
        out.put(dotted, value);
      } else if (e.getValue().isObject() && space.domains().keySet().stream().anyMatch(k -> k.startsWith(dotted + "."))) {
        collect(e.getValue(), dotted + ".", keyPath, space, out);
      } else {
        throw new SpecException(keyPath, "not a parameter of the space; parameters: " + String.join(", ", space.domains().keySet()));
      }
    }
  }

  /** 3 for a float domain becomes 3.0 and 3.0 for an integer domain 3, so configs hold the domain's type. */
  private static Object asDomainType(Domain domain, Object value) {
    if (domain instanceof NumericDomain n && value instanceof Number num) {
      if (n.isInteger() && num.doubleValue() == Math.rint(num.doubleValue())) return num.longValue();
      if (!n.isInteger()) return num.doubleValue();
    }
    return value;
  }

  /** {@code config} (dotted) with the point's leaves put over it. */
  static Map<String, Object> overlay(Map<String, Object> config, Map<String, Object> point) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.putAll(point);
    return out;
  }
}
