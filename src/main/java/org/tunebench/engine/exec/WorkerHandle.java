package org.tunebench.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The driver's side of one worker. */
public interface WorkerHandle {
  /** Queues a message; sent once the worker has connected. Never blocks on the worker. */
  void send(ObjectNode message);

  /** Ends the worker and every process it started. */
  void kill();

  /** The worker's process id, or -1 before it is known. */
  long pid();

  /** Where the worker runs (host name). */
  String node();

  /** The worker's own log file (JVM output that bypasses the trial's log, e.g. native libraries). */
  java.nio.file.Path log();
}
