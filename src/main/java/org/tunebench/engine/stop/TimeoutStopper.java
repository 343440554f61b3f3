package org.tunebench.engine.stop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Ray Tune's {@code TimeoutStopper} (what {@code time_budget_s} creates): stops the whole experiment when
 * the budget is used up. Like Ray, the clock starts at the first {@link #stopAll} check (so set-up time is
 * not charged) and the budget shrinks by the time between checks. The clock is injected for tests.
 */
public final class TimeoutStopper implements Stopper {
  private final Duration timeout;
  private final InstantSource clock;
  private Duration budget;
  private Instant lastCheck;

  public TimeoutStopper(Duration timeout, InstantSource clock) {
    if (timeout.isNegative()) throw new IllegalArgumentException("timeout must be >= 0");
    this.timeout = timeout;
    this.budget = timeout;
    this.clock = clock;
  }

  public TimeoutStopper(Duration timeout) {
    this(timeout, InstantSource.system());
  }

  @Override
  public boolean stopTrial(String trialId, Map<String, Object> result) {
    return false;
  }

  @Override
  public boolean stopAll() {
    Instant now = clock.instant();
    if (lastCheck != null) budget = budget.minus(Duration.between(lastCheck, now));
    lastCheck = now;
    return budget.isNegative() || budget.isZero();
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * The budget left as of now. The time between interruption and {@code resume} is not charged: the clock
   * restarts at {@link #restore}, so a run interrupted and resumed at once decides as an uninterrupted one.
   */
  @Override
  public JsonNode save() {
    Duration left = lastCheck == null ? budget : budget.minus(Duration.between(lastCheck, clock.instant()));
    return StopperState.typed("timeout").put("budgetMs", left.toMillis());
  }

  @Override
  public void restore(JsonNode state) {
    if (state == null) return;
    budget = Duration.ofMillis(StopperState.check(state, "timeout").get("budgetMs").longValue());
    lastCheck = clock.instant();
  }
}
