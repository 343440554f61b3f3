package org.tunebench.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunebench.engine.ResourcePool;
import org.tunebench.model.ExperimentSpec.Resources;
import org.tunebench.testkit.TestJars;
import org.tunebench.wire.Channel;
import org.tunebench.wire.Msg;

/**
 * GPU ids from the pool's allocation reach the worker (CUDA_VISIBLE_DEVICES) and the trainable (TrialInfo), with
 * several trials running at once. Plays the driver's part of the protocol itself: each trial reports once.
 */
class GpuAssignmentTest {
  @TempDir static Path jars;
  static Path probe;

  @TempDir Path tmp;

  @BeforeAll static void buildJar() throws Exception {
    probe = TestJars.build(jars, "hardening", "hardening.jar", List.of("hardening.Probe"));
  }

  /** Launches one trial holding {@code a}; completes with its first result's metrics once it has finished. */
  private CompletableFuture<ObjectNode> run(TrialExecutor ex, String id, ResourcePool.Allocation a) {
    CompletableFuture<ObjectNode> done = new CompletableFuture<>();
    ObjectNode[] first = new ObjectNode[1];
    LaunchSpec spec = new LaunchSpec(id, 1, probe, "hardening.Probe", Map.of("sleep_ms", 1500L), tmp.resolve(id),
        null, List.of(), 128, a.gpuIds());
    ex.launch(spec, new WorkerListener() {
      @Override public void onMessage(WorkerHandle w, ObjectNode m) {
        switch (m.path("type").asText()) {
          case Msg.RESULT -> {
            first[0] = (ObjectNode) m.path("metrics");
            w.send(Channel.message(Msg.STOP));
          }
          case Msg.FINISHED -> done.complete(first[0]);
          case Msg.ERROR -> done.completeExceptionally(new AssertionError(m.path("message").asText()));
          default -> { }
        }
      }

      @Override public void onExit(WorkerHandle w, String description) {
        done.completeExceptionally(new AssertionError(description));
      }
    });
    return done;
  }

  private List<ObjectNode> runAll(ResourcePool pool, Resources r, int trials) throws Exception {
    try (LocalProcessExecutor ex = new LocalProcessExecutor(tmp.resolve("workers"))) {
      List<CompletableFuture<ObjectNode>> running = new ArrayList<>();
      for (int i = 0; i < trials; i++) running.add(run(ex, "0000" + i, pool.tryAllocate(r).orElseThrow()));
      List<ObjectNode> seen = new ArrayList<>();
      for (CompletableFuture<ObjectNode> f : running) seen.add(f.get(90, TimeUnit.SECONDS));
      return seen;
    }
  }

  @Test void twoGpuTrialsAtOnceEachSeeOnlyTheirOwnId() throws Exception {
    List<ObjectNode> seen = runAll(new ResourcePool(4, List.of("1", "3"), 10_000), new Resources(1, 1, 128), 2);
    assertEquals("1", seen.get(0).path("cuda").asText());
    assertEquals("1", seen.get(0).path("gpuIds").asText());
    assertEquals("3", seen.get(1).path("cuda").asText());
    assertEquals("3", seen.get(1).path("gpuIds").asText());
  }

  @Test void fractionalGpuTrialsShareAnId() throws Exception {
    List<ObjectNode> seen = runAll(new ResourcePool(4, 2, 10_000), new Resources(0.5, 0.5, 128), 4);
    List<String> cuda = seen.stream().map(m -> m.path("cuda").asText()).toList();
    assertEquals(List.of("0", "0", "1", "1"), cuda);
    assertEquals(cuda, seen.stream().map(m -> m.path("gpuIds").asText()).toList());
  }

  @Test void aTrialWithoutGpusSeesThemHidden() throws Exception {
    List<ObjectNode> seen = runAll(new ResourcePool(4, 2, 10_000), new Resources(1, 0, 128), 1);
    assertEquals("", seen.get(0).path("cuda").asText());
    assertEquals("", seen.get(0).path("gpuIds").asText());
  }
}
