package org.tunebench.engine.exec;

import java.util.Map;
import java.util.Set;

/**
 * What a worker (and so the user's trainable and everything it starts) must not inherit from the driver: any
 * secret. A trainable is user code with dependencies of its own; the cluster secret would let it take over
 * every agent, and the worker secret would let it impersonate other workers.
 */
final class WorkerEnvironment {
  /**
   * Named secrets; beyond these, any TUNEBENCH_ variable ending in SECRET, PASSWORD or TOKEN. The user's own
   * variables (an API token a trainable needs) pass unchanged.
   */
  static final Set<String> SECRETS = Set.of("TUNEBENCH_CLUSTER_SECRET", "TUNEBENCH_WORKER_SECRET");

  private WorkerEnvironment() {}

  static void scrub(Map<String, String> env) {
    env.keySet().removeIf(WorkerEnvironment::isSecret);
  }

  static boolean isSecret(String name) {
    return SECRETS.contains(name) || (name.startsWith("TUNEBENCH_") && name.matches(".*(SECRET|PASSWORD|TOKEN)$"));
  }
}
