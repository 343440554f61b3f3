package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tunebench.model.Domain;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.NestedChoice;
import org.tunebench.model.SearchSpace;

/**
 * NSGA-II ({@code search.type} nsga2): Deb, Pratap, Agarwal, Meyarivan, "A Fast and Elitist Multiobjective
 * Genetic Algorithm: NSGA-II", IEEE TEVC 2002, as Optuna 3.1's {@code NSGAIISampler}: generation 0 is random;
 * a new generation starts once {@code populationSize} trials of the current one have finished; its parents
 * are the elite of the previous parents and that generation (non-dominated fronts, the last cut by crowding
 * distance); each child comes from a binary tournament, uniform crossover (with {@code crossoverProb}, each
 * parameter from the second parent with {@code swappingProb}) and mutation (each parameter redrawn from its
 * domain with {@code mutationProb}, default 1 / number of parameters). Works with one objective too.
 */
public final class NsgaIISearcher extends ModelBasedSearcher {
  public static final String TYPE = "nsga2";
  public static final List<String> PARAMS = List.of("populationSize", "mutationProb", "crossoverProb", "swappingProb",
      PointsToEvaluate.PARAM);

  /** The NSGA-II parameters; {@link #DEFAULTS} are Optuna 3.1's ({@code mutationProb} NaN: 1 / parameters). */
  public record Options(int populationSize, double mutationProb, double crossoverProb, double swappingProb) {
    public Options {
      if (populationSize < 2) throw new IllegalArgumentException("populationSize must be >= 2");
    }
  }

  public static final Options DEFAULTS = new Options(50, Double.NaN, 0.9, 0.5);

  private final Options options;

  public NsgaIISearcher(SearchSpace space, int numSamples, List<ExperimentSpec.Objective> objectives, Options options,
      List<Map<String, Object>> pointsToEvaluate, Long seed) {
    super(space, numSamples, objectives, 0, pointsToEvaluate, seed);
    this.options = options;
  }

  public static NsgaIISearcher create(ExperimentSpec spec) {
    ObjectNode p = spec.search().params();
    SearcherRegistry.rejectUnknownParams(p, PARAMS);
    refuseGrid(spec, TYPE);
    SearchParams sp = new SearchParams(p);
    Options o = new Options(sp.intAtLeast("populationSize", DEFAULTS.populationSize(), 2),
        p != null && p.has("mutationProb") ? sp.fraction("mutationProb", 0.5) : Double.NaN,
        sp.fraction("crossoverProb", DEFAULTS.crossoverProb()), sp.fraction("swappingProb", DEFAULTS.swappingProb()));
    return new NsgaIISearcher(spec.space(), spec.numSamples(), spec.objectives(), o, PointsToEvaluate.parse(p, spec.space()),
        spec.search().seed());
  }

  @Override String type() {
    return TYPE;
  }

  private record Parents(int generation, List<SearchHistory.Entry> population) {}

  /** Optuna's {@code _collect_parent_population}: walks the full generations, keeping the elite of each. */
  private Parents parents() {
    Map<Integer, List<SearchHistory.Entry>> byGeneration = new java.util.HashMap<>();
    for (SearchHistory.Entry e : history.entries()) {
      if (e.state == SearchHistory.State.DONE && e.generation >= 0) byGeneration.computeIfAbsent(e.generation, g -> new ArrayList<>()).add(e);
    }
    List<SearchHistory.Entry> parents = List.of();
    int generation = -1;
    while (true) {
      List<SearchHistory.Entry> population = new ArrayList<>(byGeneration.getOrDefault(generation + 1, List.of()));
      if (population.size() < options.populationSize()) return new Parents(generation, parents);
      population.addAll(parents);
      parents = elite(population);
      generation++;
    }
  }

  private List<SearchHistory.Entry> elite(List<SearchHistory.Entry> population) {
    double[][] losses = population.stream().map(e -> e.losses).toArray(double[][]::new);
    int[] rank = MultiObjective.ranks(losses);
    List<SearchHistory.Entry> out = new ArrayList<>();
    for (int r = 0; out.size() < options.populationSize(); r++) {
      List<Integer> front = new ArrayList<>();
      for (int i = 0; i < rank.length; i++) if (rank[i] == r) front.add(i);
      if (front.isEmpty()) break;
      if (out.size() + front.size() <= options.populationSize()) {
        for (int i : front) out.add(population.get(i));
        continue;
      }
      double[] d = MultiObjective.crowding(front.stream().map(i -> losses[i]).toArray(double[][]::new));
      Integer[] order = new Integer[front.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> d[i]).reversed());
      for (int i = 0; out.size() < options.populationSize(); i++) out.add(population.get(front.get(order[i])));
    }
    return out;
  }

  @Override void suggested(SearchHistory.Entry entry) {
    entry.generation = parents().generation() + 1;
  }

  @Override Map<String, Object> propose(SplittableRandom rng) {
    Parents parents = parents();
    if (parents.generation() < 0) return DottedConfig.sample(space, rng);
    List<SearchHistory.Entry> pop = parents.population();
    SearchHistory.Entry p0 = tournament(pop, rng);
    Map<String, Object> child = new LinkedHashMap<>(p0.config);
    if (rng.nextDouble() < options.crossoverProb()) {
      SearchHistory.Entry p1 = tournament(pop, rng);
      for (Map.Entry<String, Object> e : p1.config.entrySet()) {
        if (!child.containsKey(e.getKey()) || rng.nextDouble() < options.swappingProb()) child.put(e.getKey(), e.getValue());
      }
    }
    long nParams = space.domains().values().stream().filter(d -> !d.isConstant()).count();
    double mutation = Double.isNaN(options.mutationProb()) ? 1.0 / Math.max(1, nParams) : options.mutationProb();
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
      String path = e.getKey();
      if (!DottedConfig.isActive(space, path, out)) continue;
      Domain d = e.getValue();
      boolean keep = child.containsKey(path) && rng.nextDouble() >= mutation;
      if (keep) out.put(path, child.get(path));
      else out.put(path, d instanceof NestedChoice nc ? (Object) (long) rng.nextInt(nc.size()) : d.sample(rng));
    }
    return out;
  }

  /** Two random parents; the one that dominates the other, else either. */
  private static SearchHistory.Entry tournament(List<SearchHistory.Entry> pop, SplittableRandom rng) {
    SearchHistory.Entry a = pop.get(rng.nextInt(pop.size()));
    SearchHistory.Entry b = pop.get(rng.nextInt(pop.size()));
    if (Pareto.dominates(a.losses, b.losses)) return a;
    if (Pareto.dominates(b.losses, a.losses)) return b;
    return rng.nextBoolean() ? a : b;
  }
}
