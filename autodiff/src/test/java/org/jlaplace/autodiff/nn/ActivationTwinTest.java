package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The batched path of every activation against its one rule: the layer kernel's value and
 * backward pass on a batch equal the rule's value and AD derivative entry by entry, exactly
 * (ReLU's branch-free mask included).
 */
class ActivationTwinTest {

    @Test
    void batchedKernelsMatchTheRuleOnSpecialValues() {
        check(new double[] {-3.5, -1.0, -1e-300, -0.0, 0.0, Double.MIN_VALUE, 1e-8, 0.3, 2.0, 19.9, 20.5, 40.0,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
    }

    @Test
    void batchedKernelsMatchTheRuleOnRandomValues() {
        java.util.Random rng = new java.util.Random(7);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rng.nextDouble() - 0.5) * (i % 2 == 0 ? 6 : 60);
        }
        check(x);
    }

    /**
     * Several examples with several cotangent rows each (the batched pullbacks of Jacobians and
     * Kronecker factors): every row is the rule's derivative times the row, bitwise, including
     * signed zeros and non-finite cotangents, for the backward pass and the tangent rule alike.
     */
    @Test
    void severalDirectionsPerExampleScaleEachRowByTheRulesDerivative() {
        java.util.Random rng = new java.util.Random(11);
        int size = 37;
        int m = 5;
        int r = 3;
        double[] x = new double[m * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 9 == 0 ? 0.0 : (rng.nextDouble() - 0.5) * 8;
        }
        double[] rows = new double[m * r * size];
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -0.0, -2.5};
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i % 13 == 0 ? specials[(i / 13) % specials.length] : rng.nextGaussian();
        }
        for (Activation act : NaiveNetwork.allActivations()) {
            ActivationOp op = new ActivationOp(act, new int[] {size});
            Object saved = op.forward(x, m, new double[0][], new double[m * size]);
            double[] gx = new double[rows.length];
            double[] ty = new double[rows.length];
            op.backwardInput(x, saved, m, r, rows, new double[0][], gx);
            op.jvp(x, saved, m, r, rows, new double[0][], new double[0][], ty);
            double[] value = new double[m * size];
            double[] derivative = new double[m * size];
            act.valueAndDerivative(x, 0, x.length, value, derivative);
            for (int n = 0; n < m; n++) {
                for (int q = 0; q < r; q++) {
                    for (int j = 0; j < size; j++) {
                        int at = (n * r + q) * size + j;
                        double expected = derivative[n * size + j] * rows[at];
                        assertEquals(expected, gx[at], 0.0, act + " backward, example " + n + " row " + q + " entry " + j);
                        assertEquals(expected, ty[at], 0.0, act + " tangent, example " + n + " row " + q + " entry " + j);
                    }
                }
            }
        }
    }

    private static void check(double[] x) {
        int n = x.length;
        for (Activation act : NaiveNetwork.allActivations()) {
            ActivationOp op = new ActivationOp(act, new int[] {n});
            double[] y = new double[n];
            Object saved = op.forward(x, 1, new double[0][], y);
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            double[] gx = new double[n];
            op.backwardInput(x, saved, 1, 1, ones, new double[0][], gx);
            double[] ruleValue = new double[n];
            double[] ruleDerivative = new double[n];
            act.valueAndDerivative(x, 0, n, ruleValue, ruleDerivative);
            for (int i = 0; i < n; i++) {
                assertEquals(ruleValue[i], y[i], 0.0, act + " value at " + x[i]);
                if (Double.isFinite(x[i])) {
                    assertEquals(ruleDerivative[i], gx[i], 0.0, act + " derivative at " + x[i]);
                }
            }
        }
    }
}
