package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.tunebench.model.ExperimentSpec.Mode;
import org.tunebench.testkit.PluginJars;

/** The sample's user stopper ({@code patience}, loaded from its JAR by ServiceLoader) keeps the stopper contract. */
class PatiencePluginContractIT extends StopperContractTest {
  @Override protected Stopper newStopper() {
    try {
      return StopperRegistry.create(new ObjectMapper().readTree("[{\"type\": \"patience\", \"patience\": 2}]"), "acc",
          Mode.MAX, null, clock, PluginJars.customPluginsLoader());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
