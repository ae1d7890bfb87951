package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The cost of a reverse-mode gradient relative to the forward pass, for an MLP 64-256-256-10
 * with cross-entropy on a batch of 250: the target is at most 3×. Timing is noisy on a shared
 * machine, so the test only runs with {@code -Djlaplace.timing=true}.
 */
class MlpGradientCostTest {
    private static final int[] WIDTHS = {64, 256, 256, 10};
    private static final int BATCH = 250;

    private static Var loss(Var[] params, Var x, int[] labels) {
        Var h = x;
        for (int l = 0; l < 3; l++) {
            h = h.matmul(params[2 * l].transpose()).add(params[2 * l + 1]);
            if (l < 2) {
                h = h.relu();
            }
        }
        return LossFunctions.crossEntropy(h, labels);
    }

    private static double medianNanos(Runnable r, int reps) {
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    @Test
    void gradientCostsAtMostThreeForwardPasses() {
        assumeTrue(Boolean.getBoolean("jlaplace.timing"), "timing runs only with -Djlaplace.timing=true");
        SplittableRandom r = new SplittableRandom(1);
        Var[] params = new Var[6];
        for (int l = 0; l < 3; l++) {
            params[2 * l] = Var.of(GradCheck.normal(r, WIDTHS[l + 1], WIDTHS[l]).mul(1.0 / Math.sqrt(WIDTHS[l])));
            params[2 * l + 1] = Var.of(GradCheck.normal(r, WIDTHS[l + 1]).mul(0.1));
        }
        Var x = Var.of(GradCheck.normal(r, BATCH, WIDTHS[0]));
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = r.nextInt(10);
        }
        double[] sink = new double[1];
        Runnable forward = () -> sink[0] += loss(params, x, labels).item();
        Runnable gradient = () -> sink[0] += AD.grad(ps -> loss(ps, x, labels), params)[0].value().get(0, 0);
        for (int i = 0; i < 30; i++) {
            forward.run();
            gradient.run();
        }
        double f = medianNanos(forward, 40);
        double g = medianNanos(gradient, 40);
        System.out.printf("MLP 64-256-256-10, batch %d: forward %.3f ms, value+gradient %.3f ms, ratio %.2f%n",
            BATCH, f / 1e6, g / 1e6, g / f);
        assertTrue(Double.isFinite(sink[0]));
        assertTrue(g <= 3.0 * f, "gradient " + g / 1e6 + " ms > 3 × forward " + f / 1e6 + " ms");
    }
}
