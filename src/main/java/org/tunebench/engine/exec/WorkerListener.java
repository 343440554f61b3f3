package org.tunebench.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives what a worker says about the trial it was launched for. Called on executor threads. */
public interface WorkerListener {
  void onMessage(WorkerHandle worker, ObjectNode message);

  /**
   * A checkpoint the worker wrote is on its way to the driver (from a cluster agent): the worker's next message
   * waits for the transfer, whose time is the network's, not the worker's.
   */
  default void onCheckpointTravelling(WorkerHandle worker) {}

  /** The worker is gone: {@code description} says how ("exited with code 1", "killed by signal 9"). */
  void onExit(WorkerHandle worker, String description);
}
