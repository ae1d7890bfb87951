package org.jlaplace.autodiff.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.function.Supplier;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The float32 updates against the float64 ones: over a few steps from the same float-representable
 * parameters and gradients the two stay within float32 rounding, the float32 results are always
 * float-representable, the state survives a snapshot and restore exactly, and non-finite
 * gradients are refused.
 */
class Float32StepTest {

    private static List<Supplier<StatefulOptimizer>> optimizers() {
        return List.of(() -> new Adam(1e-2), () -> new AdamW(LearningRateSchedule.constant(1e-2), 0.9, 0.999, 1e-8, 0.1),
                () -> new Adam(LearningRateSchedule.constant(3e-3), 0.8, 0.99, 1e-6, 0.05),
                () -> new Sgd(0.05), () -> new Sgd(0.05, 0.9, false), () -> new Sgd(0.05, 0.9, true));
    }

    private static float[] floats(Rng rng, int n) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) rng.normal(0, 1, 1).item();
        }
        return g;
    }

    private static float[] narrow(Tensor p) {
        double[] d = p.toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] widen(float[] g) {
        double[] d = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            d[i] = g[i];
        }
        return d;
    }

    @Test
    void float32StepsFollowTheFloat64Steps() {
        qt().withFixedSeed(3).withExamples(30).forAll(integers().between(0, 5), integers().between(1, 40), longs().all())
                .checkAssert((which, n, seed) -> {
                    Rng rng = new Rng(seed);
                    float[] start = floats(rng, n);
                    Tensor p64 = Tensor.of(widen(start), n);
                    Tensor p32 = Tensor.of(widen(start), n);
                    StatefulOptimizer o64 = optimizers().get(which).get();
                    StatefulOptimizer o32 = optimizers().get(which).get();
                    for (int step = 0; step < 5; step++) {
                        float[] g = floats(rng, n);
                        o64.step(List.of(p64), List.of(Tensor.of(widen(g), n)));
                        o32.step32(List.of(p32), new float[][] {narrow(p32)}, new float[][] {g});
                        double[] a = p64.toArray();
                        double[] b = p32.toArray();
                        for (int i = 0; i < n; i++) {
                            assertEquals(b[i], (double) (float) b[i], 0.0, "float32 results are float-representable");
                            // Adam's first step moves each entry by ≈ lr·sign(g), so its rounding is relative to the entry.
                            assertEquals(a[i], b[i], 1e-5 * (Math.abs(a[i]) + 1), "step " + step + " entry " + i);
                        }
                    }
                    assertEquals(o64.steps(), o32.steps());
                });
    }

    @Test
    void aFloat32StateSurvivesSnapshotAndRestoreExactly() {
        Rng rng = new Rng(1);
        int n = 17;
        Tensor a = Tensor.of(widen(floats(rng, n)), n);
        Tensor b = a.copy();
        Adam first = new Adam(1e-2);
        for (int s = 0; s < 3; s++) {
            first.step32(List.of(a), new float[][] {narrow(a)}, new float[][] {floats(new Rng(10 + s), n)});
        }
        Adam resumed = new Adam(1e-2);
        resumed.restore(first.snapshot());
        b.data();
        System.arraycopy(a.data(), 0, b.data(), 0, n);
        float[] g = floats(new Rng(99), n);
        float[] a32 = narrow(a);
        first.step32(List.of(a), new float[][] {a32}, new float[][] {g});
        resumed.step32(List.of(b), new float[][] {narrow(b)}, new float[][] {g});
        for (int i = 0; i < n; i++) {
            assertEquals(a.data()[i], a32[i], 0.0, "the float32 values and the storage agree after the step");
        }
        for (int i = 0; i < n; i++) {
            assertEquals(a.data()[i], b.data()[i], 0.0, "entry " + i);
        }
    }

    @Test
    void nonFiniteOrMisfitGradientsAreRefused() {
        Tensor p = Tensor.of(new double[] {1, 2, 3}, 3);
        Adam adam = new Adam(1e-3);
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
                () -> adam.step32(List.of(p), new float[][] {narrow(p)}, new float[][] {{0f, Float.POSITIVE_INFINITY, 0f}}));
        assertEquals("Adam.step32: gradient 0 holds Infinity at flat index 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adam.step32(List.of(p), new float[][] {narrow(p)},
                new float[][] {{0f, 1f}}));
        assertThrows(IllegalArgumentException.class, () -> adam.step32(List.of(p), new float[][] {{0f, 1f}},
                new float[][] {{0f, 1f, 2f}}));
        assertThrows(IllegalArgumentException.class, () -> adam.step32(List.of(p), new float[][] {}, new float[][] {}));
        assertEquals(0, adam.steps());
    }
}
