package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerEnvironmentTest {
  @Test void secretsAreNotPassedButTheUsersVariablesAre() {
    Map<String, String> env = new HashMap<>(Map.of("TUNEBENCH_CLUSTER_SECRET", "s3cret", "TUNEBENCH_WORKER_SECRET",
        "w", "TUNEBENCH_AGENT_TOKEN", "t", "TUNEBENCH_GPUS", "0,1", "HF_TOKEN", "users-own", "PATH", "/bin"));
    WorkerEnvironment.scrub(env);
    assertEquals(Map.of("TUNEBENCH_GPUS", "0,1", "HF_TOKEN", "users-own", "PATH", "/bin"), env);
  }
}
