package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/** The fast reverse and forward rules against central finite differences and each other. */
class TraceTest {
    private static final double H = 1e-5;

    private static List<Sequential> models(Activation act, long seed) {
        return List.of(Networks.mlp(act, seed), Networks.cnn(act, seed), Networks.cnnAvg(act, seed));
    }

    /** (f(θ + h v) − f(θ − h v)) / 2h, all outputs of the batch, flat. */
    private static double[] directionalDifference(Sequential model, Tensor x, Tensor v) {
        Tensor theta = model.flatParameters();
        model.setFlatParameters(theta.add(v.mul(H)));
        double[] plus = model.forward(x).toArray();
        model.setFlatParameters(theta.sub(v.mul(H)));
        double[] minus = model.forward(x).toArray();
        model.setFlatParameters(theta);
        double[] d = new double[plus.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (plus[i] - minus[i]) / (2 * H);
        }
        return d;
    }

    @Test
    void jvpMatchesCentralDifferences() {
        qt().withFixedSeed(11).withExamples(16).forAll(integers().between(0, 7), integers().between(1, 3), longs().all())
                .checkAssert((a, m, seed) -> {
                    for (Sequential model : models(NaiveNetwork.allActivations().get(a), seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        if (Networks.nearKink(model, x)) {
                            continue;
                        }
                        Tensor v = new Rng(seed + 2).normal(0, 1, model.numParameters());
                        double[] expected = directionalDifference(model, x, v);
                        double[] actual = model.trace(x).jvp(v).toArray();
                        assertArrayEquals(expected, actual, 1e-6 * (1 + maxAbs(expected)), model.toString());
                    }
                });
    }

    @Test
    void backwardMatchesCentralDifferencesOfTheContractedOutput() {
        qt().withFixedSeed(12).withExamples(16).forAll(integers().between(0, 7), integers().between(1, 3), longs().all())
                .checkAssert((a, m, seed) -> {
                    for (Sequential model : models(NaiveNetwork.allActivations().get(a), seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        if (Networks.nearKink(model, x)) {
                            continue;
                        }
                        Tensor g = new Rng(seed + 3).normal(0, 1, m, model.outputSize());
                        Tensor grad = model.trace(x).backwardFlat(g);
                        // coordinate-wise check on a few parameters of every group
                        Rng pick = new Rng(seed + 4);
                        for (int k = 0; k < model.parameters().size(); k++) {
                            int idx = model.parameterOffset(k) + pick.nextInt(model.parameters().get(k).size());
                            Tensor e = Tensor.zeros(model.numParameters()).set(1.0, idx);
                            double[] d = directionalDifference(model, x, e);
                            double expected = dot(d, g.toArray());
                            assertEquals(expected, grad.get(idx), 1e-6 * (1 + Math.abs(expected)),
                                    model + " parameter " + model.parameters().get(k).name());
                        }
                        List<Tensor> perParameter = model.trace(x).backward(g);
                        for (int k = 0; k < perParameter.size(); k++) {
                            assertArrayEquals(model.parameters().get(k).shape(), perParameter.get(k).shape());
                            assertEquals(grad.get(model.parameterOffset(k)), perParameter.get(k).toArray()[0], 0.0);
                        }
                    }
                });
    }

    @Test
    void inputCotangentMatchesCentralDifferences() {
        qt().withFixedSeed(13).withExamples(8).forAll(integers().between(0, 7), longs().all()).checkAssert((a, seed) -> {
            for (Sequential model : models(NaiveNetwork.allActivations().get(a), seed)) {
                Tensor x = Networks.inputs(model, 2, seed + 1);
                if (Networks.nearKink(model, x) || Networks.nearKink(model, x.add(1e-3)) || Networks.nearKink(model, x.sub(1e-3))) {
                    continue;
                }
                Tensor g = new Rng(seed + 3).normal(0, 1, 2, model.outputSize(), 1);
                double[] gx = model.trace(x).backwardMany(g).input().toArray();
                Tensor dx = new Rng(seed + 5).normal(0, 1, x.shape());
                double[] plus = model.forward(x.add(dx.mul(H))).toArray();
                double[] minus = model.forward(x.sub(dx.mul(H))).toArray();
                double expected = 0;
                for (int i = 0; i < plus.length; i++) {
                    expected += g.toArray()[i] * (plus[i] - minus[i]) / (2 * H);
                }
                assertEquals(expected, dot(gx, dx.toArray()), 1e-6 * (1 + Math.abs(expected)), model.toString());
            }
        });
    }

    @Test
    void forwardAndReverseModeAreAdjoint() {
        qt().withExamples(16).forAll(integers().between(0, 7), integers().between(1, 4), integers().between(1, 3),
                longs().all()).checkAssert((a, m, q, seed) -> {
                    for (Sequential model : models(NaiveNetwork.allActivations().get(a), seed)) {
                        Trace trace = model.trace(Networks.inputs(model, m, seed));
                        Tensor v = new Rng(seed + 1).normal(0, 1, q, model.numParameters());
                        Tensor u = new Rng(seed + 2).normal(0, 1, m, q, model.outputSize());
                        double left = u.dot(trace.jvpMany(v));
                        double right = trace.vjpMany(u).dot(v);
                        assertEquals(left, right, 1e-10 * (1 + Math.abs(left)), model.toString());
                    }
                });
    }

    @Test
    void backwardManyAgreesWithOneBackwardPerDirection() {
        qt().withExamples(10).forAll(integers().between(0, 7), integers().between(1, 4), integers().between(1, 4),
                longs().all()).checkAssert((a, m, r, seed) -> {
                    for (Sequential model : models(NaiveNetwork.allActivations().get(a), seed)) {
                        Trace trace = model.trace(Networks.inputs(model, m, seed));
                        int c = model.outputSize();
                        Tensor cot = new Rng(seed + 1).normal(0, 1, m, c, r);
                        Tensor many = trace.backwardMany(cot).parameterCotangents();
                        Tensor manyViaVjp = trace.vjpMany(cot.permute(0, 2, 1).contiguous());
                        for (int q = 0; q < r; q++) {
                            Tensor single = trace.backwardFlat(cot.select(2, q).contiguous());
                            assertArrayEquals(single.toArray(), many.select(0, q).toArray(), 1e-12);
                            assertArrayEquals(single.toArray(), manyViaVjp.select(0, q).toArray(), 1e-12);
                        }
                        int last = model.numLayers() - 1;
                        assertArrayEquals(new int[] {m, r, c}, trace.backwardMany(cot).layerOutput(last).shape());
                    }
                });
    }

    @Test
    void kfacInputsAreLayerInputsAndPatches() {
        Sequential model = Networks.cnn(Activation.tanh(), 3);
        Trace trace = model.trace(Networks.inputs(model, 2, 4));
        assertArrayEquals(new int[] {2, 16, 18}, trace.kfacInput(0).shape());
        assertArrayEquals(trace.layerInput(7).toArray(), trace.kfacInput(7).toArray(), 0.0);
        // patch (s = 0) of the padded first conv: kernel centre (u = v = 1) reads pixel (0, 0)
        assertEquals(trace.layerInput(0).get(1, 0, 0, 0), trace.kfacInput(0).get(1, 0, 4), 0.0);
        assertEquals(0.0, trace.kfacInput(0).get(1, 0, 0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> trace.kfacInput(1));
    }

    @Test
    void shapesOfCotangentsAndTangentsAreChecked() {
        Sequential model = Networks.mlp(Activation.tanh(), 3);
        Trace trace = model.trace(Networks.inputs(model, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> trace.backward(Tensor.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> trace.backwardMany(Tensor.zeros(2, 4, 1)));
        assertThrows(IllegalArgumentException.class, () -> trace.jvp(Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class, () -> trace.jvpMany(Tensor.zeros(2, 3)));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
