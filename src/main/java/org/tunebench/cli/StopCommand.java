package org.tunebench.cli;

import picocli.CommandLine.Command;

@Command(name = "stop", mixinStandardHelpOptions = true,
    description = {"Stop a running experiment, or some of its trials, in whatever process runs it (a run, the workbench, a cluster driver). Stopped trials end TERMINATED."},
    footer = {"", "Exit codes: 0 done; 2 unknown experiment or trial, a trial that can't be stopped, or no live"
        + " owner; 3 the owner did not answer in time or exited."})
final class StopCommand extends SteerCommand {
  @Override String action() {
    return "stop";
  }
}
