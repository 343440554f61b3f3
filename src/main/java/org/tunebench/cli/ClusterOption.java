package org.tunebench.cli;

import java.time.Duration;
import org.tunebench.app.BadInputException;
import org.tunebench.cluster.ClusterExecutor;
import org.tunebench.cluster.ClusterSecret;
import org.tunebench.engine.ResourcePool;
import org.tunebench.engine.exec.ExecutorFactory;
import picocli.CommandLine.Option;

/**
 * {@code --cluster-port PORT [--cluster-bind ADDR]}: run the trials on cluster agents that join this driver
 * ({@code tunebench agent --join ADDR:PORT}) instead of in local child JVMs.
 */
final class ClusterOption {
  @Option(names = "--cluster-port", paramLabel = "PORT",
      description = "cluster mode: listen on PORT for agents (tunebench agent --join HOST:PORT) and run trials on them")
  Integer port;

  @Option(names = "--cluster-bind", paramLabel = "ADDR",
      description = "cluster mode: the address to listen on and announce; agents on other machines need one of"
          + " this machine's addresses (default: 127.0.0.1, this machine only)")
  String bind;

  @Option(names = "--cluster-wait", paramLabel = "SECONDS", defaultValue = "120",
      description = "cluster mode: how long a trial waits when no agent can take it (default: ${DEFAULT-VALUE})")
  int waitS;

  boolean enabled() {
    return port != null;
  }

  /** Local child JVMs, or the cluster's agents; checks the port and the secret before anything starts. */
  ExecutorFactory executors(java.io.PrintWriter err) {
    if (!enabled()) return ExecutorFactory.LOCAL;
    if (port < 1 || port > 65535) throw new BadInputException("--cluster-port " + port + ": must be 1 to 65535");
    ClusterSecret secret;
    try {
      secret = ClusterSecret.fromEnv();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return (spec, dir) -> {
      ClusterExecutor ex = new ClusterExecutor(secret, bind, port, dir.resolve("cluster"), spec.resourcesPerTrial().cpu(),
          spec.resourcesPerTrial().gpu(), spec.resourcesPerTrial().memoryMb(), Duration.ofSeconds(waitS));
      err.println("cluster: trials run on agents; start them with: tunebench agent --join " + ex.address());
      err.flush();
      return ex;
    };
  }

  /** In cluster mode the pool starts empty and follows the live agents' capacity (the driver resizes it). */
  ResourcePool pool() {
    return enabled() ? ResourcePool.elastic() : ResourcePool.ofThisMachine();
  }
}
