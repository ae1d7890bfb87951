package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Random;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.EmbeddedDatasets;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

class OutputBoundTest {
    private static final List<String> ACTIVATIONS =
            List.of("relu", "tanh", "sigmoid", "gelu", "silu", "selu", "softplus", "leaky_relu");

    /** Every parameter multiplied by {@code scale}. */
    private static void scale(Sequential net, double scale) {
        for (Parameter p : net.parameters()) {
            double[] v = p.value().data();
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
    }

    private static double[] inputs(Random rnd, int m, int f, double magnitude) {
        double[] x = new double[m * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = magnitude * (2 * rnd.nextDouble() - 1);
        }
        x[rnd.nextInt(x.length)] = rnd.nextBoolean() ? magnitude : -magnitude;
        return x;
    }

    private static double largest(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void aFiniteBoundHoldsForEveryOutputOfMlpsInBothDtypes() {
        qt().withExamples(60).forAll(integers().between(0, ACTIVATIONS.size() - 1), doubles().between(-3, 40),
                doubles().between(-3, 6), integers().between(0, 10_000)).checkAssert((act, logScale, logInput, seed) -> {
            Sequential net = ArchitectureSpec.build("mlp:12-7-3:" + ACTIVATIONS.get(act), new int[] {5}, 3, seed);
            scale(net, Math.pow(10, logScale / 4));
            double[] x = inputs(new Random(seed), 9, 5, Math.pow(10, logInput));
            for (Dtype dtype : Dtype.values()) {
                double bound = OutputBound.of(net, largest(x), dtype);
                if (Double.isInfinite(bound)) {
                    continue;
                }
                double[] out = net.forward(Tensor.of(x, 9, 5), dtype).toArray();
                for (double v : out) {
                    assertTrue(Math.abs(v) <= bound, dtype + ": output " + v + " beyond the bound " + bound);
                }
            }
        });
    }

    @Test
    void aFiniteBoundHoldsForEveryOutputOfCnns() {
        qt().withExamples(25).forAll(integers().between(0, ACTIVATIONS.size() - 1), doubles().between(-2, 12),
                integers().between(0, 10_000)).checkAssert((act, logScale, seed) -> {
            Sequential net = ArchitectureSpec.build("cnn:3-4:6-2:" + ACTIVATIONS.get(act), new int[] {1, 8, 8}, 2, seed);
            scale(net, Math.pow(10, logScale / 3));
            double[] x = inputs(new Random(seed), 3, 64, 10);
            double bound = OutputBound.of(net, largest(x), Dtype.FLOAT64);
            if (!Double.isInfinite(bound)) {
                for (double v : net.forward(Tensor.of(x, 3, 1, 8, 8)).toArray()) {
                    assertTrue(Math.abs(v) <= bound, "output " + v + " beyond the bound " + bound);
                }
            }
        });
    }

    @Test
    void theDefaultNetworkOnTheDigitsIsShownFiniteWithoutRunningIt() {
        Dataset digits = EmbeddedDatasets.load("digits", 0);
        Sequential net = ArchitectureSpec.build("mlp:" + MarglikCommand.DEFAULT_MODEL_HIDDEN + "-10:tanh",
                digits.inputShape(), 10, 0);
        double bound = OutputBound.of(net, 16.0, Dtype.FLOAT64);
        assertTrue(bound < 1e3, "bound " + bound);
        assertTrue(OutputBound.of(net, 16.0, Dtype.FLOAT32) < 1e3);
    }

    @Test
    void overflowingWeightsProveNothingAndTheCheckStillRunsTheNetwork() {
        Sequential net = new Sequential(new int[] {2}, new Linear(2, 2, false), new Linear(2, 2, false));
        double[] w = new double[8];
        java.util.Arrays.fill(w, 1e150);
        net.setFlatParameters(Tensor.of(w, 8));
        assertEquals(Double.POSITIVE_INFINITY, OutputBound.of(net, 1e140, Dtype.FLOAT64));
        assertEquals(Double.POSITIVE_INFINITY, OutputBound.of(net, 1.0, Dtype.FLOAT32));
        Dataset d = Dataset.classification("d.csv", new double[][] {{1, 1}, {1e140, 0}}, new int[] {2},
                new int[] {0, 1}, 2, new int[] {2, 3});
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> NumericalChecks.requireUsable(net, d, "evidence"));
        assertTrue(e.getMessage().contains("the network's output 0 for example 2"), e.getMessage());
    }

    @Test
    void smoothActivationsBeyondTheirInputLimitProveNothing() {
        Sequential net = ArchitectureSpec.build("mlp:4-2:softplus", new int[] {3}, 2, 1);
        assertTrue(Double.isFinite(OutputBound.of(net, 1.0, Dtype.FLOAT64)));
        assertEquals(Double.POSITIVE_INFINITY, OutputBound.of(net, 1e4, Dtype.FLOAT64));
    }
}
