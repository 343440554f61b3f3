package org.tunebench.engine.schedule;

/** A scheduler's answer to one result (Ray Tune's TrialScheduler.CONTINUE / PAUSE / STOP). */
public enum Decision { CONTINUE, PAUSE, STOP }
