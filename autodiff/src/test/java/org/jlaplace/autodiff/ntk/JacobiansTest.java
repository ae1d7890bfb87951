package org.jlaplace.autodiff.ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Networks;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

class JacobiansTest {
    private static final List<Activation> ACTIVATIONS = List.of(Activation.relu(), Activation.tanh(),
            Activation.sigmoid(), Activation.gelu(), Activation.silu(), Activation.selu(), Activation.softplus(),
            Activation.leakyRelu(0.1));

    @Test
    void perExampleJacobiansAreRowsOfTheFiniteDifferenceJacobian() {
        qt().withFixedSeed(21).withExamples(12).forAll(integers().between(0, 7), integers().between(1, 3), longs().all())
                .checkAssert((act, m, seed) -> {
                    for (Sequential model : List.of(Networks.mlp(ACTIVATIONS.get(act), seed),
                            Networks.cnn(ACTIVATIONS.get(act), seed), Networks.cnnAvg(ACTIVATIONS.get(act), seed))) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        if (Networks.nearKink(model, x)) {
                            continue;
                        }
                        Tensor j = Jacobians.perExample(model, x);
                        assertArrayEquals(new int[] {m, model.outputSize(), model.numParameters()}, j.shape());
                        double[][] expected = NtkOracle.finiteDifferenceJacobian(model, x);
                        double[][] actual = NtkOracle.rows(j);
                        assertTrue(NtkOracle.relativeError(actual, expected) < 1e-6, model.toString());
                    }
                });
    }

    @Test
    void weightedRowsAreWeightedCombinationsOfJacobianRows() {
        qt().withExamples(10).forAll(integers().between(1, 3), integers().between(1, 4), longs().all())
                .checkAssert((m, r, seed) -> {
                    Sequential model = Networks.cnn(Activation.gelu(), seed);
                    Tensor x = Networks.inputs(model, m, seed + 1);
                    int c = model.outputSize();
                    Tensor a = new Rng(seed + 2).normal(0, 1, m, c, r);
                    Tensor j = Jacobians.perExample(model, x);
                    Tensor weighted = Jacobians.weighted(model, x, a);
                    // a_nᵀ J_n : [R, C] × [C, P]
                    for (int n = 0; n < m; n++) {
                        Tensor expected = a.select(0, n).transpose().matmul(j.select(0, n));
                        assertTrue(expected.allClose(weighted.select(0, n), 1e-12, 1e-12));
                    }
                });
    }

    @Test
    void weightsOfTheWrongShapeAreRejected() {
        Sequential model = Networks.mlp(Activation.tanh(), 1);
        Tensor x = Networks.inputs(model, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Jacobians.weighted(model, x, Tensor.zeros(2, 4, 1)));
        assertTrue(e.getMessage().contains("[2, 3, R]") && e.getMessage().contains("[2, 4, 1]"), e.getMessage());
    }
}
