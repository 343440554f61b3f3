package org.tunebench.worker;

import org.tunebench.api.Config;
import org.tunebench.api.StopTrial;
import org.tunebench.api.TrainFunction;
import org.tunebench.wire.Msg;

/** Runs a function-API trainable on its own thread; {@link WorkerSession#report} blocks it per result. */
final class FunctionApiRun {
  private final TrialContext ctx;
  private final TrainFunction function;

  FunctionApiRun(TrialContext ctx, TrainFunction function) {
    this.ctx = ctx;
    this.function = function;
  }

  void run(Config config) throws Exception {
    WorkerSession session = new WorkerSession(ctx);
    Throwable[] failure = new Throwable[1];
    Thread training = new Thread(() -> {
      try {
        function.train(config, session);
      } catch (StopTrial expected) {
        // the driver stopped or paused the trial: a normal end
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "tunebench-train-" + ctx.trialId);
    training.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    training.start();
    training.join();
    if (failure[0] != null && !session.stopped()) throw new UserCodeException("train", failure[0]);
    ctx.sendLast(ctx.msg(Msg.FINISHED).put("reason", session.stopped() ? "stopped" : "returned"));
  }
}
