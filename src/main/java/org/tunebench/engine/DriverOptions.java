package org.tunebench.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * Knobs of the driver that are not part of an experiment's spec.
 *
 * @param stopGrace how long a stopped trial's step may take to return before its worker is killed
 * @param pauseGrace how long a paused trial's step may take before the worker is killed without a fresh checkpoint
 * @param keepAlive keep the loop running after the last trial ends (the GUI: users may fork, extend, restart)
 * @param tick how often time-based stoppers and deadlines are checked
 */
public record DriverOptions(Duration stopGrace, Duration pauseGrace, boolean keepAlive, Duration tick, Clock clock) {
  public static DriverOptions defaults() {
    return new DriverOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), false, Duration.ofMillis(500),
        Clock.systemUTC());
  }

  public DriverOptions withKeepAlive(boolean keep) {
    return new DriverOptions(stopGrace, pauseGrace, keep, tick, clock);
  }

  public DriverOptions withGrace(Duration stop, Duration pause) {
    return new DriverOptions(stop, pause, keepAlive, tick, clock);
  }
}
