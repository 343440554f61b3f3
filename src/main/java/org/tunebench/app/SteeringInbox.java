package org.tunebench.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tunebench.engine.TrialSnapshot;
import org.tunebench.engine.TuneController;
import org.tunebench.model.TrialStatus;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.StoredCommand;

/**
 * The owner's side of steering from other processes: polls the database for commands sent to this
 * experiment ({@code tunebench pause/stop/resume NAME [TRIAL...]}), checks them against the trials' states,
 * carries them out through the controller's public commands (so the workbench shows them like its own) and
 * writes the outcome for the sender. A command is all or nothing: one unknown trial or impossible action
 * refuses the whole command with the reason.
 */
public final class SteeringInbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SteeringInbox.class.getName());
  static final Duration POLL = Duration.ofMillis(Long.getLong("tunebench.steering.pollMs", 200));
  private static final long ANSWER_WITHIN_S = 20;

  private final ExperimentStore store;
  private final long experimentId;
  private final String name;
  private final TuneController controller;
  private final Instant since;
  private ScheduledExecutorService timer;

  SteeringInbox(ExperimentStore store, long experimentId, String name, TuneController controller, Instant since) {
    this.store = store;
    this.experimentId = experimentId;
    this.name = name;
    this.controller = controller;
    this.since = since;
  }

  /** Starts polling on a daemon thread. */
  synchronized void start() {
    if (timer != null) return;
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tunebench-steering-" + name);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::pollOnce, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Answers every pending command once (the timer calls this; tests may too). */
  void pollOnce() {
    try {
      for (StoredCommand c : store.pendingCommands(experimentId)) {
        if (c.requestedAt() != null && c.requestedAt().isBefore(since)) {
          // sent to an earlier owner that is gone; its sender has given up or will
          store.answerCommand(c.id(), StoredCommand.EXPIRED, "sent before this owner started");
          continue;
        }
        Answer a = handle(c);
        store.answerCommand(c.id(), a.outcome(), a.message());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot read steering commands of " + name, e);
    }
  }

  record Answer(String outcome, String message) {}

  private Answer handle(StoredCommand c) {
    try {
      if (controller.finished().isDone()) return refused("experiment " + name + " has already ended");
      List<TrialSnapshot> trials = controller.snapshots().get(ANSWER_WITHIN_S, TimeUnit.SECONDS);
      Map<String, TrialStatus> status = new HashMap<>();
      for (TrialSnapshot t : trials) status.put(t.id(), t.status());
      if (c.trialIds().isEmpty()) return whole(c.action());
      for (String id : c.trialIds()) {
        if (!status.containsKey(id)) {
          return refused("no trial '" + id + "' in experiment " + name + "; its trials are " + idRange(trials));
        }
      }
      for (String id : c.trialIds()) {
        TrialStatus s = status.get(id);
        String why = impossible(c.action(), s);
        if (why != null) return refused("trial " + id + " is " + s + ": " + why);
      }
      Function<String, CompletableFuture<Void>> act = switch (c.action()) {
        case "pause" -> controller::pauseTrial;
        case "resume" -> controller::resumeTrial;
        case "stop" -> controller::stopTrial;
        default -> null;
      };
      if (act == null) return refused("unknown action '" + c.action() + "'; allowed: pause, resume, stop");
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (String id : c.trialIds()) done.add(act.apply(id));
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(ANSWER_WITHIN_S, TimeUnit.SECONDS);
      return new Answer(StoredCommand.DONE, pastTense(c.action()) + " trial" + (c.trialIds().size() == 1 ? " " : "s ")
          + String.join(", ", c.trialIds()) + " of " + name);
    } catch (ExecutionException e) {
      return refused(String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      return refused("the driver did not answer within " + ANSWER_WITHIN_S + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refused("the owner is shutting down");
    }
  }

  private Answer whole(String action) throws ExecutionException, InterruptedException, TimeoutException {
    CompletableFuture<Void> f = switch (action) {
      case "pause" -> controller.pauseAll();
      case "resume" -> controller.resumeAll();
      case "stop" -> controller.stopAll();
      default -> null;
    };
    if (f == null) return refused("unknown action '" + action + "'; allowed: pause, resume, stop");
    f.get(ANSWER_WITHIN_S, TimeUnit.SECONDS);
    return new Answer(StoredCommand.DONE, pastTense(action) + " experiment " + name);
  }

  /** Why {@code action} can't apply to a trial in state {@code s}, or null if it can. */
  static String impossible(String action, TrialStatus s) {
    return switch (action) {
      case "pause" -> s == TrialStatus.RUNNING || s == TrialStatus.PENDING ? null
          : "only RUNNING or PENDING trials can be paused";
      case "resume" -> s == TrialStatus.PAUSED ? null : "only PAUSED trials can be resumed";
      case "stop" -> s.isFinished() ? "it has already ended" : null;
      default -> null;
    };
  }

  private static String pastTense(String action) {
    return switch (action) {
      case "pause" -> "paused";
      case "resume" -> "resumed";
      case "stop" -> "stopped";
      default -> action;
    };
  }

  private static String idRange(List<TrialSnapshot> trials) {
    if (trials.isEmpty()) return "none yet";
    return trials.get(0).id() + (trials.size() == 1 ? "" : " to " + trials.get(trials.size() - 1).id());
  }

  private static Answer refused(String why) {
    return new Answer(StoredCommand.REFUSED, why);
  }

  @Override public synchronized void close() {
    if (timer != null) timer.shutdownNow();
  }
}
