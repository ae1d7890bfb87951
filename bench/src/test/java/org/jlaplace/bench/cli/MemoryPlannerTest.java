package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jlaplace.bench.memory.HeapBudget;
import org.jlaplace.bench.memory.InsufficientMemoryException;
import org.jlaplace.bench.memory.MemoryEstimate;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.prior.PriorStructure;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link MemoryPlanner} reads each estimator's batch memory from the estimator itself, so every
 * registered estimator is planned, and the plan of a batch grows with its size {@code M}.
 */
class MemoryPlannerTest {

    /** An MLP {@code F-H-C}: weights {@code H×F}, {@code C×H} and their biases, on {@code n} examples. */
    private static MemoryPlanner.Shapes mlp(int n, int f, int h, int c) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("0.weight", new int[] {h, f});
        shapes.put("0.bias", new int[] {h});
        shapes.put("2.weight", new int[] {c, h});
        shapes.put("2.bias", new int[] {c});
        long p = (long) h * f + h + (long) c * h + c;
        return new MemoryPlanner.Shapes(n, f, c, p, f + 2L * h + c, shapes);
    }

    private static long batchBytes(MemoryPlanner.Shapes s, BoundEstimator<?> e, PriorStructure prior, long m) {
        return MemoryPlanner.batch(new MemoryEstimate(), s, e, prior, m).total();
    }

    private static long estimatorPart(MemoryPlanner.Shapes s, BoundEstimator<?> e, PriorStructure prior, long m) {
        return MemoryPlanner.batch(new MemoryEstimate(), s, e, prior, m).part(e.name() + " estimator on one batch");
    }

    /**
     * For every registered estimator and supported prior: positive, and larger for a larger batch
     * whenever both batches are evaluated in the same log-determinant form ({@code M·C} on the same
     * side of {@code P}); under a scalar prior across the switch as well. (The full-curvature
     * estimators' kernel form with several kernels, or with a diagonal prior's {@code M·C×P}
     * factor, may hold more just below {@code M·C = P} than the {@code P×P} form just above.)
     */
    @Test
    void everyRegisteredEstimatorPlansAPositiveBatchThatGrowsWithM() {
        Gen<int[]> layers = integers().between(1, 40).zip(integers().between(1, 60), integers().between(2, 12),
                (f, h, c) -> new int[] {f, h, c});
        qt().withExamples(300).forAll(layers, integers().between(1, 400), integers().between(1, 400),
                        integers().between(0, PriorStructure.values().length - 1))
                .checkAssert((fhc, m, dm, priorIndex) -> {
                    int f = fhc[0];
                    int h = fhc[1];
                    int c = fhc[2];
                    PriorStructure prior = PriorStructure.values()[priorIndex];
                    MemoryPlanner.Shapes s = mlp(10_000, f, h, c);
                    int m2 = m + dm;
                    boolean sameForm = ((long) m * c <= s.parameters()) == ((long) m2 * c <= s.parameters());
                    for (BoundEstimator<?> e : Estimators.all()) {
                        if (!e.supportedPriors().contains(prior)) {
                            continue;
                        }
                        String what = e.name() + ", " + prior + " prior, F-H-C " + f + "-" + h + "-" + c + ", M " + m
                                + " → " + m2;
                        long small = batchBytes(s, e, prior, m);
                        assertTrue(estimatorPart(s, e, prior, m) > 0, what);
                        if (sameForm || prior == PriorStructure.SCALAR) {
                            assertTrue(batchBytes(s, e, prior, m2) > small, what);
                            assertTrue(estimatorPart(s, e, prior, m2) >= estimatorPart(s, e, prior, m), what);
                        }
                    }
                });
    }

    @Test
    void theEstimatorPartIsWhatTheEstimatorDeclares() {
        MemoryPlanner.Shapes s = mlp(1000, 64, 50, 10);
        for (BoundEstimator<?> e : Estimators.all()) {
            for (PriorStructure prior : e.supportedPriors()) {
                long declared = e.workingBytes(MemoryPlanner.dimensions(s, prior, 100));
                assertEquals(declared, estimatorPart(s, e, prior, 100), e.name() + ", " + prior);
            }
        }
    }

    @Test
    void aBatchTooLargeToCountIsNoHeapsSize() {
        MemoryPlanner.Shapes s = mlp(Integer.MAX_VALUE, 1000, 40_000, 40_000);
        for (BoundEstimator<?> e : Estimators.all()) {
            assertEquals(Long.MAX_VALUE, batchBytes(s, e, PriorStructure.SCALAR, Integer.MAX_VALUE), e.name());
        }
    }

    @Test
    void aRefusalNamesTheWorkTheEstimateTheHeapAndTheAdvice() {
        MemoryPlanner.Shapes s = mlp(1797, 64, 3000, 10);
        MemoryEstimate e = MemoryPlanner.batch(MemoryPlanner.base(s), s, Estimators.byName("kernel"),
                PriorStructure.LAYERWISE, 1000);
        HeapBudget budget = new HeapBudget(1L << 30);
        String message = assertThrows(InsufficientMemoryException.class,
                () -> budget.require(e, "evidence --estimator kernel --batch-size 1000", MemoryPlanner.BATCH_ADVICE))
                .getMessage();
        for (String expected : new String[] {"evidence --estimator kernel --batch-size 1000",
                "needs an estimated " + HeapBudget.bytes(e.total()), "kernel estimator on one batch",
                "batch Jacobian", "the heap is 1.0 GB", "a smaller --batch-size", HeapBudget.HEAP_ADVICE}) {
            assertTrue(message.contains(expected), () -> "'" + expected + "' missing from: " + message);
        }
    }
}
