package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.stream.Collectors;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void parametersAreNamedAndOrderedAsPyTorchSequential() {
        Sequential cnn = new Sequential(new int[] {1, 8, 8}, new Conv2d(1, 4, 3), Activation.relu(),
                new MaxPool2d(2), new Flatten(), new Linear(36, 10, true));
        List<String> names = cnn.parameters().stream().map(Parameter::name).collect(Collectors.toList());
        assertEquals(List.of("0.weight", "0.bias", "4.weight", "4.bias"), names);
        assertArrayEquals(new int[] {4, 1, 3, 3}, cnn.parameter("0.weight").shape());
        assertArrayEquals(new int[] {10, 36}, cnn.parameter("4.weight").shape());
        assertEquals(36 + 4 + 360 + 10, cnn.numParameters());
        assertArrayEquals(new int[] {10}, cnn.outputShape());
        assertEquals(4 * 9 + 4, cnn.parameterOffset(2));
    }

    @Test
    void layersThatDoNotChainAreRejectedWithTheLayerAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {1, 8, 8}, new Conv2d(1, 4, 3), new Linear(36, 10, true)));
        assertTrue(e.getMessage().contains("layer 1"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 6, 6]"), e.getMessage());
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {5}, new Linear(5, 3, true), new Linear(4, 2, true)));
        assertTrue(e2.getMessage().contains("[4]") && e2.getMessage().contains("[3]"), e2.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {2, 3, 3}, new Conv2d(2, 1, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new int[] {2, 3, 3}, new MaxPool2d(4)));
    }

    @Test
    void forwardRejectsWrongInputShapeAndNaN() {
        Sequential mlp = Networks.mlp(Activation.tanh(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(Tensor.zeros(3, 4)));
        assertTrue(e.getMessage().contains("[M, 5]") && e.getMessage().contains("[3, 4]"), e.getMessage());
        Tensor x = Tensor.zeros(2, 5);
        x.set(Double.NaN, 1, 2);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> mlp.forward(x));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }

    @Test
    void parameterSetChecksShapeAndFiniteness() {
        Sequential mlp = Networks.mlp(Activation.tanh(), 1);
        Parameter w = mlp.parameter("0.weight");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.set(Tensor.zeros(5, 7)));
        assertTrue(e.getMessage().contains("0.weight") && e.getMessage().contains("[7, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.set(Tensor.full(Double.POSITIVE_INFINITY, 7, 5)));
        w.set(Tensor.full(0.5, 7, 5));
        assertEquals(0.5, w.value().get(3, 4));
        assertThrows(IllegalArgumentException.class, () -> mlp.parameter("9.weight"));
    }

    @Test
    void flatParametersRoundTripAndFollowParameterOrder() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Sequential cnn = Networks.cnn(Activation.tanh(), seed);
            Tensor flat = cnn.flatParameters();
            int offset = 0;
            for (Parameter p : cnn.parameters()) {
                double[] values = p.value().toArray();
                for (int i = 0; i < values.length; i++) {
                    assertEquals(values[i], flat.get(offset + i));
                }
                offset += values.length;
            }
            Tensor other = new Rng(seed + 1).normal(0, 1, cnn.numParameters());
            cnn.setFlatParameters(other);
            assertEquals(0.0, cnn.flatParameters().maxAbsDiff(other));
        });
        Sequential mlp = Networks.mlp(Activation.tanh(), 1);
        assertThrows(IllegalArgumentException.class, () -> mlp.setFlatParameters(Tensor.zeros(3)));
    }

    @Test
    void initialisationIsPyTorchUniformWithFanInBoundAndReproducible() {
        Sequential wide = new Sequential(new Rng(7), new int[] {400}, new Linear(400, 300, true), Activation.relu(),
                new Linear(300, 2, true));
        double bound = 1 / Math.sqrt(400);
        double[] w = wide.parameter("0.weight").value().toArray();
        double sum = 0;
        double sumSq = 0;
        for (double v : w) {
            assertTrue(Math.abs(v) <= bound);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / w.length;
        double variance = sumSq / w.length - mean * mean;
        // U(−b, b): mean 0, variance b²/3; with 120 000 draws the standard errors are ~0.2 % of b and ~0.3 %.
        assertEquals(0.0, mean, 0.01 * bound);
        assertEquals(bound * bound / 3, variance, 0.02 * bound * bound / 3);
        for (double v : wide.parameter("0.bias").value().toArray()) {
            assertTrue(Math.abs(v) <= bound);
        }
        Sequential conv = new Sequential(new Rng(3), new int[] {3, 5, 5}, new Conv2d(3, 8, 3));
        double convBound = 1 / Math.sqrt(3 * 9);
        for (double v : conv.flatParameters().toArray()) {
            assertTrue(Math.abs(v) <= convBound);
        }
        Sequential again = new Sequential(new Rng(7), new int[] {400}, new Linear(400, 300, true), Activation.relu(),
                new Linear(300, 2, true));
        assertEquals(0.0, again.flatParameters().maxAbsDiff(wide.flatParameters()));
    }

    @Test
    void forwardMatchesNaiveLoopsForEveryLayerAndActivation() {
        qt().withExamples(16).forAll(integers().between(0, 7), integers().between(1, 4), longs().all())
                .checkAssert((a, m, seed) -> {
                    Activation act = NaiveNetwork.allActivations().get(a);
                    for (Sequential model : List.of(Networks.mlp(act, seed), Networks.cnn(act, seed),
                            Networks.cnnAvg(act, seed))) {
                        Tensor x = Networks.inputs(model, m, seed ^ 0x5DEECE66DL).mul(2.0);
                        double[] expected = NaiveNetwork.forwardBatch(model, model.flatParameters().toArray(),
                                x.toArray(), m);
                        double[] actual = model.forward(x).toArray();
                        assertArrayEquals(expected, actual, 1e-12, model + " " + act);
                        assertArrayEquals(actual, model.trace(x).output().toArray(), 0.0);
                    }
                });
    }

    @Test
    void convolutionWithLargeStrideAndPaddingMatchesNaiveLoops() {
        qt().withExamples(20).forAll(integers().between(1, 3), integers().between(0, 2), integers().between(1, 4),
                longs().all()).checkAssert((stride, pad, k, seed) -> {
                    Sequential model = new Sequential(new Rng(seed), new int[] {2, 6, 5},
                            new Conv2d(2, 3, k, stride, pad, seed % 2 == 0));
                    Tensor x = Networks.inputs(model, 2, seed);
                    assertArrayEquals(NaiveNetwork.forwardBatch(model, model.flatParameters().toArray(), x.toArray(), 2),
                            model.forward(x).toArray(), 1e-12);
                });
    }
}
