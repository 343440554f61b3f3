package org.tunebench.ui.events;

/**
 * How much one frame may take from the batcher. Applying results costs ~0.5 µs each, so a burst of
 * 50,000 events applied in one pulse froze it for tens of ms; instead a pulse drains chunks until its time
 * budget is spent and the rest waits for the next pulse (still far above any real result rate).
 */
public final class FrameBudget {
  public static final int CHUNK_EVENTS = 4_000;
  public static final long APPLY_NANOS = 6_000_000;

  private FrameBudget() {}
}
