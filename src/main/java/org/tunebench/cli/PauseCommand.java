package org.tunebench.cli;

import picocli.CommandLine.Command;

@Command(name = "pause", mixinStandardHelpOptions = true,
    description = {"Pause a running experiment, or some of its trials, in whatever process runs it (a run, the workbench, a cluster driver). Paused trials checkpoint and wait for resume."},
    footer = {"", "Exit codes: 0 done; 2 unknown experiment or trial, a trial that can't be paused, or no live"
        + " owner; 3 the owner did not answer in time or exited."})
final class PauseCommand extends SteerCommand {
  @Override String action() {
    return "pause";
  }
}
