package org.tunebench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tunebench.app.BadInputException;
import org.tunebench.cluster.Agent;
import org.tunebench.cluster.ClusterSecret;
import org.tunebench.engine.ResourcePool;
import org.tunebench.store.TunebenchHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "agent", mixinStandardHelpOptions = true, description = "Serve as a worker node of a cluster: join the driver at HOST:PORT and run"
    + " its trials here until killed. Needs TUNEBENCH_CLUSTER_SECRET, the same as the driver's.")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
      description = "the driver (tunebench run SPEC --cluster-port PORT)") String join;

  @Option(names = "--cpus", paramLabel = "N", description = "CPUs offered to trials (default: every core)")
  Integer cpus;

  @Option(names = "--gpus", paramLabel = "N|IDS", defaultValue = "0",
      description = "GPUs offered: a count (2) or ids (0,1,3); each trial gets CUDA_VISIBLE_DEVICES for its share"
          + " (default: ${DEFAULT-VALUE})")
  String gpus;

  @Option(names = "--memory-mb", paramLabel = "MB",
      description = "memory offered to trials, against their resourcesPerTrial.memoryMb (default: physical memory)")
  Long memoryMb;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override public Integer call() throws Exception {
    ClusterSecret secret;
    try {
      secret = ClusterSecret.fromEnv();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    int n = cpus == null ? Runtime.getRuntime().availableProcessors() : cpus;
    java.util.List<String> gpuIds;
    try {
      gpuIds = ResourcePool.gpuIds(gpus);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("agent: --gpus " + gpus + ": expected a count (2) or GPU ids (0,1,3)");
    }
    long mb = memoryMb != null ? memoryMb
        : ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize() >> 20;
    PrintWriter out = cmd.commandLine().getOut();
    Agent agent;
    try {
      agent = new Agent(join, n, gpuIds, mb, TunebenchHome.dir().resolve("agent"), secret, line -> {
        synchronized (out) {
          out.println(line);
          out.flush();
        }
      });
    } catch (IllegalArgumentException e) {
      throw new BadInputException("agent: " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "tunebench-agent-stop"));
    agent.await();
    return TunebenchMain.OK;
  }
}
