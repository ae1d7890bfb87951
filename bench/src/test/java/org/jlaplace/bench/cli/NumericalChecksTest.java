package org.jlaplace.bench.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

class NumericalChecksTest {
    private static Sequential linear(double weight) {
        Sequential net = new Sequential(new int[] {2}, new Linear(2, 2, false));
        double[] w = new double[4];
        Arrays.fill(w, weight);
        net.setFlatParameters(Tensor.of(w, 4));
        return net;
    }

    private static Dataset data(double... firstRow) {
        return Dataset.classification("d.csv", new double[][] {{1, 1}, firstRow}, new int[] {2}, new int[] {0, 1}, 2,
                new int[] {2, 3});
    }

    @Test
    void nonFiniteOutputsNameTheExampleAndItsLine() {
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> NumericalChecks.requireFiniteOutputs(linear(1e200), data(1e140, 0), "evidence"));
        assertTrue(e.getMessage().contains("evidence: the network's output 0 for example 2 (d.csv line 3) is Infinity"),
                e.getMessage());
        NumericalChecks.requireFiniteOutputs(linear(1e100), data(1e140, 0), "evidence");
    }

    @Test
    void inputsBeyondTheLimitNameTheCell() {
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> NumericalChecks.requireModerateInputs(data(3, -1e151), "marglik"));
        assertTrue(e.getMessage().contains("marglik: input -1.0E151 at d.csv:3:2"), e.getMessage());
        NumericalChecks.requireModerateInputs(data(3, -1e150), "marglik");
    }

    @Test
    void aParameterNormThatOverflowsNamesTheTensor() {
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> NumericalChecks.requireFiniteParameterNorm(linear(1e160), "evidence"));
        assertTrue(e.getMessage().contains("\"0.weight\"") && e.getMessage().contains("1.0E160"), e.getMessage());
        NumericalChecks.requireFiniteParameterNorm(linear(1e150), "evidence");
    }
}
