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

  /** These options as typed again, for a printed "continue with" line: without them a resume runs trials here. */
  String again() {
    if (!enabled()) return "";
    return " --cluster-port " + port + (bind == null ? "" : " --cluster-bind " + InitCommand.shellWord(bind));
  }

  /** Local child JVMs, or the cluster's agents; checks the port and the secret before anything starts. */
  ExecutorFactory executors(java.io.PrintWriter err) {
    if (!enabled()) {
      if (bind != null) throw new BadInputException("--cluster-bind needs --cluster-port (cluster mode); without it trials run here");
      return ExecutorFactory.LOCAL;
    }
    if (port < 1 || port > 65535) throw new BadInputException("--cluster-port " + port + ": must be 1 to 65535");
    if (waitS < 1) throw new BadInputException("--cluster-wait " + waitS + ": must be at least 1 second");
    ClusterSecret secret;
    try {
      secret = ClusterSecret.fromEnv();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return (spec, dir) -> {
      ClusterExecutor ex;
      try {
        ex = new ClusterExecutor(secret, bind, port, dir.resolve("cluster"), spec.resourcesPerTrial().cpu(),
            spec.resourcesPerTrial().gpu(), spec.resourcesPerTrial().memoryMb(), Duration.ofSeconds(waitS));
      } catch (RuntimeException e) {
        // Hazelcast cannot listen there: the user's port or address, not an internal fault
        throw new BadInputException("cannot listen for agents on " + (bind == null ? "127.0.0.1" : bind) + ":" + port
            + " (" + firstLine(e) + "); pick a free --cluster-port, and for --cluster-bind an address of this machine");
      }
      err.println("cluster: trials run on agents; start them with: tunebench agent --join " + ex.address());
      err.flush();
      return ex;
    };
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** In cluster mode the pool starts empty and follows the live agents' capacity (the driver resizes it). */
  ResourcePool pool() {
    if (enabled()) return ResourcePool.elastic();
    try {
      return ResourcePool.ofThisMachine();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage()); // TUNEBENCH_GPUS is the user's to fix
    }
  }
}
