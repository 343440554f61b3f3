package org.tunebench.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Store reads (a past experiment's million results, a trial's results table) run here, not on the FX
 * thread, so a large experiment never freezes the window; the result is handed back on the FX thread.
 * One daemon thread: the store serialises reads anyway, and an order of loads is easier to reason about.
 */
public final class Background {
  private static final ExecutorService LOADER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tunebench-loader");
    t.setDaemon(true);
    return t;
  });

  private Background() {}

  public static <T> CompletableFuture<T> load(Supplier<T> work, Consumer<T> onFx, Consumer<Throwable> onError) {
    CompletableFuture<T> f = CompletableFuture.supplyAsync(work, LOADER);
    f.whenComplete((v, e) -> Platform.runLater(() -> {
      if (e == null) onFx.accept(v);
      else onError.accept(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e);
    }));
    return f;
  }
}
