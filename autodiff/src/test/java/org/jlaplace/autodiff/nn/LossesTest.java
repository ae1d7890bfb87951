package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.function.Function;
import org.jlaplace.autodiff.nn.Losses.LossAndGradient;
import org.jlaplace.autodiff.nn.Losses.Reduction;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {

    /** Central differences of a scalar function of a tensor, entry by entry. */
    private static void assertGradient(Function<Tensor, Double> f, Tensor at, Tensor gradient) {
        double h = 1e-6;
        double[] x = at.toArray();
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double d = (f.apply(Tensor.of(plus, at.shape())) - f.apply(Tensor.of(minus, at.shape()))) / (2 * h);
            assertEquals(d, gradient.toArray()[i], 1e-7 * (1 + Math.abs(d)), "entry " + i);
        }
    }

    @Test
    void crossEntropyMatchesDefinitionAndGradient() {
        qt().withExamples(30).forAll(integers().between(1, 5), integers().between(2, 6), longs().all())
                .checkAssert((m, c, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor logits = rng.normal(0, 3, m, c);
                    int[] labels = new int[m];
                    for (int n = 0; n < m; n++) {
                        labels[n] = rng.nextInt(c);
                    }
                    for (Reduction red : Reduction.values()) {
                        LossAndGradient l = Losses.crossEntropy(logits, labels, red);
                        double expected = 0;
                        for (int n = 0; n < m; n++) {
                            double z = 0;
                            for (int j = 0; j < c; j++) {
                                z += Math.exp(logits.get(n, j));
                            }
                            expected += -Math.log(Math.exp(logits.get(n, labels[n])) / z);
                        }
                        expected /= red == Reduction.MEAN ? m : 1;
                        assertEquals(expected, l.value(), 1e-12 * (1 + expected));
                        assertGradient(t -> Losses.crossEntropy(t, labels, red).value(), logits, l.gradient());
                    }
                });
    }

    @Test
    void crossEntropyIsStableAtHugeLogits() {
        Tensor logits = Tensor.fromRows(new double[][] {{1000, -1000, 0}, {-1000, 1000, 999}});
        LossAndGradient l = Losses.crossEntropy(logits, new int[] {1, 2}, Reduction.SUM);
        // row 0: the true class is 2000 below the max, so the loss is 2000 (+ e^{-1000}-small terms)
        // row 1: logsumexp = 1000 + log(1 + e^{-1}), loss = 1 + log(1 + e^{-1})
        assertEquals(2000 + 1 + Math.log1p(Math.exp(-1)), l.value(), 1e-9);
        for (double g : l.gradient().toArray()) {
            assertTrue(Double.isFinite(g));
        }
        assertEquals(1.0, l.gradient().get(0, 0), 1e-12);
        assertEquals(-1.0, l.gradient().get(0, 1), 1e-12);
        assertEquals(0.0, l.gradient().sum(), 1e-12);
    }

    @Test
    void gaussianNllAndMseMatchDefinitionsAndGradients() {
        qt().withExamples(30).forAll(integers().between(1, 4), integers().between(1, 3), longs().all())
                .checkAssert((m, c, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor f = rng.normal(0, 1, m, c);
                    Tensor y = rng.normal(0, 1, m, c);
                    double sigma = 0.1 + rng.nextDouble();
                    for (Reduction red : Reduction.values()) {
                        LossAndGradient nll = Losses.gaussianNll(f, y, sigma, red);
                        double expected = 0;
                        for (int i = 0; i < m * c; i++) {
                            double r = f.toArray()[i] - y.toArray()[i];
                            // −log N(y | f, σ²) per entry
                            expected += -Math.log(Math.exp(-r * r / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma));
                        }
                        double nllExpected = expected / (red == Reduction.MEAN ? m : 1);
                        assertEquals(nllExpected, nll.value(), 1e-10 * (1 + Math.abs(nllExpected)));
                        assertGradient(t -> Losses.gaussianNll(t, y, sigma, red).value(), f, nll.gradient());
                        LossAndGradient mse = Losses.mse(f, y, red);
                        double sq = f.sub(y).square().sum();
                        assertEquals(sq / (red == Reduction.MEAN ? m * c : 1), mse.value(), 1e-12 * (1 + sq));
                        assertGradient(t -> Losses.mse(t, y, red).value(), f, mse.gradient());
                    }
                });
    }

    @Test
    void badInputIsRejectedWithTheOffendingValue() {
        Tensor logits = Tensor.zeros(2, 3);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(logits, new int[] {0, 3}, Reduction.MEAN));
        assertTrue(label.getMessage().contains("label 3"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, new int[] {0}, Reduction.MEAN));
        assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(Tensor.full(Double.NaN, 2, 3), new int[] {0, 1}, Reduction.MEAN));
        IllegalArgumentException sigma = assertThrows(IllegalArgumentException.class,
                () -> Losses.gaussianNll(logits, logits, 0.0, Reduction.SUM));
        assertTrue(sigma.getMessage().contains("sigma"), sigma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.mse(logits, Tensor.zeros(3, 2), Reduction.SUM));
    }
}
