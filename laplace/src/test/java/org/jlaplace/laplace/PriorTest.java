package org.jlaplace.laplace;

import org.jlaplace.laplace.prior.LayerwisePrior;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.ScalarPrior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Prior structures: precisions per parameter, and rejection of bad values with a clear message. */
class PriorTest {
    private final ParameterGroups groups = ParameterGroups.ofSizes(2, 1, 3);

    private static void rejects(Executable e, String mentions) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(mentions), ex.getMessage());
    }

    @Test
    void precisionsFollowTheStructure() {
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2}, Prior.scalar(2).precisionPerParameter(groups), 1e-12);
        assertArrayEquals(new double[] {1, 1, 3, 5, 5, 5}, Prior.layerwise(1, 3, 5).precisionPerParameter(groups),
                1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6},
                Prior.diagonal(1, 2, 3, 4, 5, 6).precisionPerParameter(groups), 1e-12);
        assertEquals(-0.5 * (1 * 1 + 1 * 4 + 3 * 9 + 5 * (1 + 1 + 4)),
                Prior.layerwise(1, 3, 5).logPrior(new double[] {1, 2, 3, 1, -1, 2}, groups), 1e-12);
        assertEquals(3, Prior.of("layerwise", 0.5, groups).size());
        assertEquals(6, Prior.of("diagonal", 0.5, groups).size());
    }

    @Test
    void badValuesAreRejectedNamingTheValue() {
        rejects(() -> Prior.scalar(0.0), "0.0");
        rejects(() -> Prior.scalar(-2.5), "-2.5");
        rejects(() -> Prior.scalar(Double.POSITIVE_INFINITY), "Infinity");
        rejects(() -> Prior.layerwise(1.0, Double.NaN), "precision 1 must be positive and finite, got NaN");
        rejects(() -> new ScalarPrior(Double.NaN), "NaN");
        rejects(() -> new LayerwisePrior(new double[] {0.0, 800.0}), "800.0");
        rejects(() -> Prior.layerwise(1, 2).precisionPerParameter(groups), "has 2 precisions, model has 3");
        rejects(() -> Prior.diagonal(1, 2).precisionPerParameter(groups), "model has 6 parameters");
        rejects(() -> Prior.of("banana", 1.0, groups), "banana");
        rejects(() -> Prior.scalar(1).withLogPrecisions(new double[] {0, 0}), "has 2 precisions");
    }

    /**
     * The per-group fast path of {@code logPrior} and {@code logPriorGradient} (scalar, layerwise)
     * against the naive per-parameter sums {@code −½ Σ_p δ_p θ_p²} over {@code precisionPerParameter}.
     */
    @Test
    void logPriorAndGradientMatchThePerParameterSums() {
        qt().withExamples(30).forAll(longs().all(), integers().between(1, 5)).checkAssert((seed, count) -> {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            int[] sizes = new int[count];
            for (int g = 0; g < count; g++) {
                sizes[g] = 1 + rnd.nextInt(40);
            }
            ParameterGroups gs = ParameterGroups.ofSizes(sizes);
            double[] theta = new double[gs.totalSize()];
            for (int p = 0; p < theta.length; p++) {
                theta[p] = rnd.nextDouble(-2, 2);
            }
            double[] deltas = new double[count];
            for (int g = 0; g < count; g++) {
                deltas[g] = Math.exp(rnd.nextDouble(-3, 3));
            }
            for (Prior prior : new Prior[] {Prior.scalar(deltas[0]), Prior.layerwise(deltas)}) {
                double[] d = prior.precisionPerParameter(gs);
                int[] hyper = prior.hyperparameterOfGroup(gs);
                double value = 0.0;
                double[] grad = new double[prior.size()];
                for (int g = 0; g < count; g++) {
                    for (int p = gs.offset(g); p < gs.offset(g) + gs.size(g); p++) {
                        value -= 0.5 * d[p] * theta[p] * theta[p];
                        grad[hyper[g]] -= 0.5 * d[p] * theta[p] * theta[p];
                    }
                }
                assertEquals(value, prior.logPrior(theta, gs), 1e-12 * (1 + Math.abs(value)), prior.toString());
                assertArrayEquals(grad, prior.logPriorGradient(theta, gs), 1e-12 * (1 + Math.abs(value)),
                        prior.toString());
                double[] norms = new double[count];
                for (int g = 0; g < count; g++) {
                    for (int p = gs.offset(g); p < gs.offset(g) + gs.size(g); p++) {
                        norms[g] += theta[p] * theta[p];
                    }
                }
                assertEquals(value, prior.logPriorOfGroupNorms(norms, gs), 1e-12 * (1 + Math.abs(value)));
                assertArrayEquals(grad, prior.logPriorGradientOfGroupNorms(norms, gs), 1e-12 * (1 + Math.abs(value)));
            }
            rejects(() -> Prior.scalar(1).logPrior(new double[theta.length + 1], gs), "θ has");
            rejects(() -> Prior.scalar(1).logPriorOfGroupNorms(new double[count + 1], gs), "group norms for");
            double[] ones = new double[gs.totalSize()];
            java.util.Arrays.fill(ones, 1.0);
            rejects(() -> new org.jlaplace.laplace.prior.DiagonalPrior(ones).logPriorOfGroupNorms(new double[count], gs),
                    "needs every parameter");
        });
    }
}
