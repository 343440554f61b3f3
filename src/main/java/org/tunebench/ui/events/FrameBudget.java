package org.tunebench.ui.events;

/** How much one frame may take from the batcher; the rest waits for the next pulse. */
public final class FrameBudget {
  public static final int MAX_EVENTS_PER_FRAME = 50_000;

  private FrameBudget() {}
}
