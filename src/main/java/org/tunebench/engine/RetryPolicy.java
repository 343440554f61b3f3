package org.tunebench.engine;

/**
 * Whether a failed trial runs again ({@code failure.maxRetries}, Ray's {@code max_failures}) and from where.
 * Each failed attempt's error is kept on its own, so a trial that recovered does not look failed.
 */
final class RetryPolicy {
  private final int maxRetries;

  RetryPolicy(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  boolean mayRetry(Trial t, boolean experimentStopping) {
    return t.retries < maxRetries && !experimentStopping;
  }

  /** Moves the failed attempt's error into the trial's attempts; returns the reason for the retry. */
  String retry(Trial t, CheckpointRef from) {
    t.retries++;
    t.attempts.add(t.error);
    t.error = null;
    t.errorStack = null;
    return "retry " + t.retries + " of " + maxRetries + CheckpointManager.fromWhere(t, from);
  }
}
