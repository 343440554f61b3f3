package org.tunebench.api;

/**
 * Thrown out of {@link Session#report} when the driver stops or pauses the trial, so that the training
 * function unwinds. Training code should let it pass (do not catch {@code Throwable} around report).
 */
public final class StopTrial extends RuntimeException {
  public StopTrial(String reason) {
    super(reason, null, false, false);
  }
}
