package org.tunebench.wire;

/** Message types and field names of the driver/worker protocol (docs/PROTOCOL.md). */
public final class Msg {
  // worker -> driver
  public static final String HELLO = "hello";          // workerId, secret, pid
  public static final String STARTED = "started";      // trialId, attempt, kind (class|function)
  public static final String RESULT = "result";        // trialId, attempt, metrics, elapsed, checkpoint?
  public static final String CHECKPOINTED = "checkpointed"; // trialId, attempt, dir
  public static final String FINISHED = "finished";    // trialId, attempt, reason
  public static final String ERROR = "error";          // trialId, attempt, message, stack, fatal
  public static final String RESET_DONE = "resetDone"; // trialId, attempt, accepted
  // driver -> worker
  public static final String START = "start";          // trialId, attempt, jar, className, config, trialDir, restore?
  public static final String CONTINUE = "continue";    // checkpoint? (dir to save to before going on)
  public static final String STOP = "stop";            // checkpoint? (dir to save to before cleanup)
  public static final String RESET = "reset";          // config, restore? (PBT exploit in place)
  public static final String EXIT = "exit";

  private Msg() {}
}
