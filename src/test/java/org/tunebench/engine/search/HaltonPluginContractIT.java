package org.tunebench.engine.search;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import org.tunebench.model.ExperimentSpec;
import org.tunebench.model.SearchSpace;
import org.tunebench.testkit.PluginJars;

/** The sample's user searcher ({@code halton}, loaded from its JAR by ServiceLoader) keeps the searcher contract. */
class HaltonPluginContractIT extends SearcherContractTest {
  private static final SearchSpace SPACE = parse("""
      {"lr": {"loguniform": [1e-4, 1e-1]}, "layers": {"randint": [1, 5]}, "act": {"choice": ["relu", "tanh"]},
       "opt": {"momentum": {"uniform": [0.8, 0.99]}}, "seed": 7}""");

  @Override SearchSpace space() {
    return SPACE;
  }

  @Override Searcher create(SearchSpace space, int numSamples, Long seed) {
    ExperimentSpec spec = new ExperimentSpec("e", new ExperimentSpec.Trainable(Path.of("/t.jar"), null), space, "loss",
        ExperimentSpec.Mode.MIN, numSamples, new ExperimentSpec.Search("halton", seed, JsonNodeFactory.instance.objectNode()),
        new ExperimentSpec.Scheduler("fifo", JsonNodeFactory.instance.objectNode()), null, null,
        new ExperimentSpec.Resources(1, 0, 512), 0, new ExperimentSpec.Checkpoint(0, false, 0),
        new ExperimentSpec.Failure(0), List.of(), null);
    return SearcherRegistry.create(spec, PluginJars.customPluginsLoader());
  }

  @Override int expectedTotal() {
    return NUM_SAMPLES;
  }
}
