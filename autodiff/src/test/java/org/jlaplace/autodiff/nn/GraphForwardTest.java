package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.autodiff.nn.Losses.Reduction;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/** The graph path against the fast path: same values, same gradients, same Jacobians. */
class GraphForwardTest {

    private static List<Sequential> models(int act, long seed) {
        Activation a = NaiveNetwork.allActivations().get(act);
        return List.of(Networks.mlp(a, seed), Networks.cnn(a, seed), Networks.cnnAvg(a, seed));
    }

    private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        double err = expected.maxAbsDiff(actual) / Math.max(1.0, expected.abs().max());
        assertTrue(err <= tol, what + ": error " + err);
    }

    @Test
    void graphForwardEqualsFastForward() {
        qt().withExamples(16).forAll(integers().between(0, 7), integers().between(1, 3), longs().all())
                .checkAssert((act, m, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1).mul(3.0);
                        assertClose(model.forward(x), model.forward(Var.of(x)).value(), 1e-13, model.toString());
                    }
                });
    }

    @Test
    void graphLossGradientsEqualFastPathGradients() {
        qt().withExamples(10).forAll(integers().between(0, 7), integers().between(1, 3), longs().all())
                .checkAssert((act, m, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        int[] labels = new int[m];
                        Rng rng = new Rng(seed + 2);
                        for (int n = 0; n < m; n++) {
                            labels[n] = rng.nextInt(model.outputSize());
                        }
                        Losses.LossAndGradient fast = Losses.crossEntropy(model.forward(x), labels, Reduction.MEAN);
                        Tensor fastGrad = model.trace(x).backwardFlat(fast.gradient());
                        Tensor theta = model.flatParameters();
                        Tensor graphGrad = AD.grad(t -> Losses.crossEntropy(model.forwardFlat(Var.of(x), t), labels,
                                Reduction.MEAN), theta);
                        assertClose(fastGrad, graphGrad, 1e-12, model.toString());
                        Var graphLoss = Losses.crossEntropy(model.forward(Var.of(x)), labels, Reduction.MEAN);
                        assertEquals(fast.value(), graphLoss.item(), 1e-12 * (1 + Math.abs(fast.value())));
                        Tensor y = rng.normal(0, 1, m, model.outputSize());
                        for (Reduction red : Reduction.values()) {
                            Losses.LossAndGradient nll = Losses.gaussianNll(model.forward(x), y, 0.7, red);
                            Tensor g1 = AD.grad(t -> Losses.gaussianNll(model.forwardFlat(Var.of(x), t), y, 0.7, red), theta);
                            assertClose(model.trace(x).backwardFlat(nll.gradient()), g1, 1e-12, "nll " + model);
                            Losses.LossAndGradient mse = Losses.mse(model.forward(x), y, red);
                            Tensor g2 = AD.grad(t -> Losses.mse(model.forwardFlat(Var.of(x), t), y, red), theta);
                            assertClose(model.trace(x).backwardFlat(mse.gradient()), g2, 1e-12, "mse " + model);
                            assertEquals(nll.value(), Losses.gaussianNll(model.forward(Var.of(x)), y, 0.7, red).item(), 1e-12);
                        }
                    }
                });
    }

    @Test
    void graphJacobianEqualsFastJvpColumns() {
        qt().withExamples(6).forAll(integers().between(0, 7), longs().all()).checkAssert((act, seed) -> {
            Sequential model = Networks.mlp(NaiveNetwork.allActivations().get(act), seed);
            Tensor x = Networks.inputs(model, 2, seed + 1);
            Tensor theta = model.flatParameters();
            Tensor jacobian = AD.jacrev(t -> model.forwardFlat(Var.of(x), t), theta); // [M, C, P]
            Tensor v = new Rng(seed).normal(0, 1, model.numParameters());
            assertClose(jacobian.matmul(v), model.trace(x).jvp(v), 1e-12, model.toString());
        });
    }

    @Test
    void graphForwardChecksParameterCountAndShapes() {
        Sequential model = Networks.mlp(Activation.tanh(), 1);
        Var x = Var.of(Networks.inputs(model, 2, 1));
        List<Var> params = model.parameterConstants();
        assertThrows(IllegalArgumentException.class, () -> model.forward(x, params.subList(0, 2)));
        List<Var> wrong = new java.util.ArrayList<>(params);
        wrong.set(0, Var.zeros(5, 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(x, wrong));
        assertTrue(e.getMessage().contains("0.weight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.forward(Var.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> model.forwardFlat(x, Var.zeros(3)));
    }
}
