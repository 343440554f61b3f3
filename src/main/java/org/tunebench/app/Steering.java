package org.tunebench.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tunebench.store.ExperimentStore;
import org.tunebench.store.OwnerLock;
import org.tunebench.store.StoredCommand;
import org.tunebench.store.StoredExperiment;

/**
 * The sender's side of steering from any process: finds the experiment's live owner (a {@code run}, the
 * workbench, a cluster driver), queues the command in the database where the owner's {@link SteeringInbox}
 * picks it up, and waits for the outcome. The command is durable: a busy owner answers it late, not never.
 */
public final class Steering {
  public static final List<String> ACTIONS = List.of("pause", "stop", "resume");

  private final ExperimentStore store;
  private final Duration timeout;
  private final Duration poll;

  public Steering(ExperimentStore store, Duration timeout) {
    this(store, timeout, Duration.ofMillis(100));
  }

  Steering(ExperimentStore store, Duration timeout, Duration poll) {
    this.store = store;
    this.timeout = timeout;
    this.poll = poll;
  }

  /** What came of a command. {@code owner} is null when the experiment has no live owner (nothing was sent). */
  public record Outcome(String owner, String outcome, String message) {
    public boolean done() {
      return StoredCommand.DONE.equals(outcome);
    }
  }

  /** The live owner ({@code pid@host}) of experiment {@code name}, if any. */
  public Optional<String> liveOwner(String name) {
    return OwnerLock.liveOwner(Path.of(experiment(name).homeDir()));
  }

  private StoredExperiment experiment(String name) {
    return store.find(name).orElseThrow(() -> new BadInputException("no experiment '" + name + "' in "
        + store.file() + "; see: tunebench list"));
  }

  /**
   * Sends {@code action} for {@code trialIds} (empty: the whole experiment) to the live owner and waits for
   * its answer. With no live owner, nothing is sent and the outcome's owner is null.
   */
  public Outcome send(String name, String action, List<String> trialIds) {
    if (!ACTIONS.contains(action)) throw new BadInputException("unknown action '" + action + "'; allowed: " + ACTIONS);
    for (String id : trialIds) {
      if (id.isBlank() || id.contains(",")) throw new BadInputException("trial id '" + id + "': ids are like 00003");
    }
    StoredExperiment e = experiment(name);
    Optional<String> owner = OwnerLock.liveOwner(Path.of(e.homeDir()));
    if (owner.isEmpty()) return new Outcome(null, null, "experiment " + name + " has no live owner (status "
        + e.status() + ")");
    long id = store.requestCommand(e.id(), action, trialIds, OwnerLock.me());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StoredCommand c = store.command(id).orElseThrow();
      if (c.outcome() != null) return new Outcome(owner.get(), c.outcome(), c.message());
      boolean ownerGone = OwnerLock.liveOwner(Path.of(e.homeDir())).isEmpty();
      if (ownerGone || System.nanoTime() > deadline) {
        String why = ownerGone ? "process " + owner.get() + " that ran experiment " + name + " has exited"
            : "no answer from process " + owner.get() + " within " + timeout.toSeconds() + " s";
        if (store.answerCommand(id, StoredCommand.EXPIRED, why)) return new Outcome(owner.get(), StoredCommand.EXPIRED, why);
        continue; // answered in between: read it
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        store.answerCommand(id, StoredCommand.EXPIRED, "sender interrupted");
        return new Outcome(owner.get(), StoredCommand.EXPIRED, "interrupted while waiting for the answer");
      }
    }
  }
}
