package org.tunebench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunebench.engine.ResourcePool.Allocation;
import org.tunebench.model.ExperimentSpec.Resources;

class ResourcePoolTest {
  @Test void gpuIdsComeFromACountOrAList() {
    assertEquals(List.of(), ResourcePool.gpuIds(null));
    assertEquals(List.of(), ResourcePool.gpuIds(" "));
    assertEquals(List.of("0", "1"), ResourcePool.gpuIds("2"));
    assertEquals(List.of("0", "1", "3"), ResourcePool.gpuIds("0,1,3"));
    assertEquals(List.of("3"), ResourcePool.gpuIds("3,"));
    assertEquals("TUNEBENCH_GPUS=two: expected a count (2) or GPU ids (0,1,3)",
        assertThrows(IllegalArgumentException.class, () -> ResourcePool.gpuIds("two")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ResourcePool.gpuIds("0,0")).getMessage()
        .contains("listed twice"));
  }

  @Test void wholeGpuRequestsGetDistinctIdsAndReleaseGivesThemBack() {
    ResourcePool pool = new ResourcePool(8, List.of("0", "1", "3"), 10_000);
    Allocation a = pool.tryAllocate(new Resources(1, 1, 100)).orElseThrow();
    Allocation b = pool.tryAllocate(new Resources(1, 2, 100)).orElseThrow();
    assertEquals(List.of("0"), a.gpuIds());
    assertEquals(List.of("1", "3"), b.gpuIds());
    assertTrue(pool.tryAllocate(new Resources(1, 1, 100)).isEmpty(), "no GPU left");
    pool.release(a);
    assertEquals(List.of("0"), pool.tryAllocate(new Resources(1, 1, 100)).orElseThrow().gpuIds());
    assertEquals(3.0, pool.usedGpus(), 1e-9);
    assertEquals(2.0, pool.usedCpus(), 1e-9);
  }

  @Test void fractionalRequestsShareAnIdAndPackBeforeTakingAFreshOne() {
    ResourcePool pool = new ResourcePool(8, 2, 10_000);
    Resources half = new Resources(1, 0.5, 100);
    List<String> ids = java.util.stream.Stream.generate(() -> pool.tryAllocate(half).orElseThrow())
        .limit(4).map(x -> x.gpuIds().get(0)).toList();
    assertEquals(List.of("0", "0", "1", "1"), ids);
    assertTrue(pool.tryAllocate(half).isEmpty());
    ResourcePool mixed = new ResourcePool(8, 2, 10_000);
    Allocation quarter = mixed.tryAllocate(new Resources(1, 0.25, 100)).orElseThrow();
    Allocation whole = mixed.tryAllocate(new Resources(1, 1, 100)).orElseThrow();
    assertNotEquals(quarter.gpuIds(), whole.gpuIds(), "a whole request takes the GPU nobody uses");
    assertEquals(List.of("0"), mixed.tryAllocate(new Resources(1, 0.5, 100)).orElseThrow().gpuIds());
  }

  @Test void noGpuRequestGetsNoIds() {
    ResourcePool pool = new ResourcePool(2, 1, 1_000);
    assertEquals(List.of(), pool.tryAllocate(new Resources(1, 0, 100)).orElseThrow().gpuIds());
  }

  @Test void cpuAndMemoryLimitHoldAndTheOlderCallsStillWork() {
    ResourcePool pool = new ResourcePool(2, 0, 1_000);
    Resources r = new Resources(1, 0, 400);
    assertTrue(pool.tryAcquire(r));
    assertTrue(pool.tryAcquire(r));
    assertTrue(pool.tryAllocate(new Resources(0.5, 0, 10)).isEmpty(), "cpu full");
    pool.release(r);
    assertEquals(1.0, pool.usedCpus(), 1e-9);
    assertTrue(pool.tryAllocate(new Resources(0.5, 0, 700)).isEmpty(), "memory full");
    assertTrue(pool.tryAcquire(r));
  }

  @Test void neverFitsNamesTheProblem() {
    ResourcePool pool = new ResourcePool(4, 2, 1_000);
    assertNull(pool.neverFits(new Resources(1, 2, 100)));
    assertEquals("gpu 3 per trial, but 2 GPUs are configured (set TUNEBENCH_GPUS)",
        pool.neverFits(new Resources(1, 3, 100)));
    assertTrue(pool.neverFits(new Resources(1, 1.5, 100)).contains("whole number"));
  }
}
