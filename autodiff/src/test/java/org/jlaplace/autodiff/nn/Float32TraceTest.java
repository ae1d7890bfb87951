package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The float32 layer rules against the float64 rules at the same float-representable parameters
 * and inputs: outputs, gradients, input cotangents, many-cotangent pullbacks, Kronecker factors and
 * tangents of every layer kind agree to float32 rounding (relative to each tensor's largest entry).
 * The float64 rules are held to finite differences by {@link TraceTest}, so this is also the
 * gradient check of the float32 path.
 */
class Float32TraceTest {
    /** Float32 rounding through a few layers, relative to the largest entry of a result. */
    private static final double TOL = 2e-5;

    private static Sequential model(int kind, Activation act, long seed) {
        Sequential net = switch (kind) {
            case 0 -> Networks.mlp(act, seed);
            case 1 -> Networks.cnn(act, seed);
            default -> Networks.cnnAvg(act, seed);
        };
        net.roundParametersToFloat32();
        return net;
    }

    private static Tensor floatInputs(Sequential model, int m, long seed) {
        double[] x = Networks.inputs(model, m, seed).toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) x[i];
        }
        return Tensor.of(x, Sequential.batchShape(m, model.inputShape()));
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            if (err > TOL * scale + 1e-30) {
                throw new AssertionError(what + ": entry " + i + " is " + actual[i] + " in float32, " + expected[i]
                        + " in float64 (scale " + scale + ")");
            }
        }
    }

    private static Activation activation(int k) {
        return Activation.of(Activation.Kind.values()[k]);
    }

    @Test
    void everyRuleAgreesWithItsFloat64Twin() {
        qt().withFixedSeed(5).withExamples(40).forAll(integers().between(0, 2),
                integers().between(0, Activation.Kind.values().length - 1), integers().between(1, 4), longs().all())
                .checkAssert((kind, act, m, seed) -> {
                    Sequential net = model(kind, activation(act), seed);
                    Tensor x = floatInputs(net, m, seed + 1);
                    if (Networks.nearKink(net, x)) {
                        return;
                    }
                    Trace t64 = net.trace(x);
                    Trace t32 = net.trace(x, Dtype.FLOAT32);
                    assertSame(Dtype.FLOAT32, t32.dtype());
                    String name = net + " m=" + m;
                    assertClose(name + " output", t64.output().toArray(), t32.output().toArray());
                    assertClose(name + " forward", net.forward(x).toArray(), net.forward(x, Dtype.FLOAT32).toArray());
                    for (int i = 0; i < net.numLayers(); i++) {
                        assertClose(name + " layer " + i + " output", t64.layerOutput(i).toArray(),
                                t32.layerOutput(i).toArray());
                    }
                    Rng rng = new Rng(seed + 2);
                    Tensor g = floatTensor(rng, Sequential.batchShape(m, net.outputShape()));
                    List<Tensor> g64 = t64.backward(g);
                    List<Tensor> g32 = t32.backward(g);
                    for (int k = 0; k < g64.size(); k++) {
                        assertClose(name + " gradient " + k, g64.get(k).toArray(), g32.get(k).toArray());
                    }
                    int r = 3;
                    Tensor a = floatTensor(rng, m, net.outputSize(), r);
                    BatchedCotangents b64 = t64.backwardMany(a);
                    BatchedCotangents b32 = t32.backwardMany(a);
                    for (int i = 0; i < net.numLayers(); i++) {
                        assertClose(name + " cotangent of layer " + i, b64.layerOutput(i).toArray(),
                                b32.layerOutput(i).toArray());
                    }
                    assertClose(name + " input cotangent", b64.input().toArray(), b32.input().toArray());
                    assertClose(name + " parameter cotangents", b64.parameterCotangents().toArray(),
                            b32.parameterCotangents().toArray());
                    List<LayerFactors> f64 = b64.parametricFactors();
                    List<LayerFactors> f32 = b32.parametricFactors();
                    for (int k = 0; k < f64.size(); k++) {
                        assertClose(name + " factor inputs " + k, f64.get(k).inputs(), f32.get(k).inputs());
                        assertClose(name + " factor cotangents " + k, f64.get(k).cotangents(), f32.get(k).cotangents());
                        assertClose(name + " kfac input " + k, t64.kfacInput(f64.get(k).layer()).toArray(),
                                t32.kfacInput(f64.get(k).layer()).toArray());
                    }
                    Tensor v = floatTensor(rng, 2, net.numParameters());
                    assertClose(name + " jvpMany", t64.jvpMany(v).toArray(), t32.jvpMany(v).toArray());
                    Tensor u = floatTensor(rng, m, 2, net.outputSize());
                    assertClose(name + " vjpMany", t64.vjpMany(u).toArray(), t32.vjpMany(u).toArray());
                });
    }

    @Test
    void backward32WithReusedBuffersMatchesAFreshTrace() {
        qt().withFixedSeed(7).withExamples(10).forAll(integers().between(0, 2), integers().between(1, 5), longs().all())
                .checkAssert((kind, m, seed) -> {
                    Sequential net = model(kind, Activation.tanh(), seed);
                    TraceBuffers buffers = new TraceBuffers(net);
                    Rng rng = new Rng(seed);
                    // Two passes through the same buffers, the second on other inputs: it must not see the first.
                    for (int pass = 0; pass < 2; pass++) {
                        Tensor x = floatInputs(net, m, seed + 10 + pass);
                        float[] g = new float[m * net.outputSize()];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = (float) rng.nextDouble() - 0.5f;
                        }
                        Trace reused = net.trace(x, buffers);
                        Trace fresh = net.trace(x, Dtype.FLOAT32);
                        assertClose("output", widen(fresh.output32()), widen(reused.output32()));
                        float[][] a = reused.backward32(g);
                        float[][] b = fresh.backward32(g);
                        for (int k = 0; k < a.length; k++) {
                            assertClose("gradient " + k, widen(b[k]), widen(a[k]));
                            for (int i = 0; i < a[k].length; i++) {
                                assertEquals(b[k][i], a[k][i], 0f, "reused buffers change no bit");
                            }
                        }
                    }
                });
    }

    @Test
    void float32AnswersRefuseAFloat64TraceAndForeignBuffers() {
        Sequential net = Networks.mlp(Activation.relu(), 1);
        Trace t = net.trace(Networks.inputs(net, 2, 1));
        assertThrows(IllegalStateException.class, t::output32);
        assertThrows(IllegalStateException.class, () -> t.backward32(new float[6]));
        Sequential other = Networks.mlp(Activation.relu(), 2);
        assertThrows(IllegalArgumentException.class, () -> net.trace(Networks.inputs(net, 2, 1), new TraceBuffers(other)));
        Trace t32 = net.trace(Networks.inputs(net, 2, 1), Dtype.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> t32.backward32(new float[5]));
    }

    @Test
    void roundingMakesParametersFloatRepresentableAndTheTraceReadsThemExactly() {
        Sequential net = Networks.mlp(Activation.tanh(), 3);
        net.roundParametersToFloat32();
        for (Parameter p : net.parameters()) {
            for (double v : p.value().toArray()) {
                assertEquals(v, (double) (float) v, 0.0);
            }
        }
        float[][][] mirror = net.layerStorage32();
        double[] w = net.parameters().get(0).value().toArray();
        for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], mirror[0][0][i], 0.0);
        }
        // A later change of the storage is seen by the next trace.
        net.parameters().get(0).value().data()[0] = 0.25;
        assertEquals(0.25f, net.layerStorage32()[0][0][0]);
        assertTrue(net.layerStorage32()[1].length == 0, "an activation has no parameters");
    }

    @Test
    void theFloatReluStepIsExactlyZeroOrOneForEveryFloat() {
        qt().withFixedSeed(2).withExamples(3000).forAll(integers().all()).checkAssert(bits -> {
            float x = Float.intBitsToFloat(bits);
            if (Float.isNaN(x)) {
                assertTrue(Float.isNaN(ActivationOp.step(x)), "NaN stays NaN");
            } else {
                assertEquals(x > 0 ? 1f : 0f, ActivationOp.step(x), 0f, "bits " + Integer.toHexString(bits));
            }
        });
        for (float x : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f}) {
            assertEquals(x > 0 ? 1f : 0f, ActivationOp.step(x), 0f, "x = " + x);
        }
    }

    @Test
    void theFloat32ReluPropagatesNaN() {
        // Example 1 overflows to (+∞, +∞) in float32, then to +∞ − ∞ = NaN; examples 0 and 2 stay finite.
        Sequential net = new Sequential(new int[] {1}, new Linear(1, 2, false), new Linear(2, 1, false), Activation.relu());
        net.parameters().get(0).set(Tensor.of(new double[] {3e38, 3e38}, 2, 1));
        net.parameters().get(1).set(Tensor.of(new double[] {1, -1}, 1, 2));
        Trace t = net.trace(Tensor.of(new double[] {-1, 2, 0.5}, 3, 1), Dtype.FLOAT32);
        float[] y = t.output32();
        assertEquals(0f, y[0]);
        assertTrue(Float.isNaN(y[1]), "relu(NaN) is NaN in float32");
        assertEquals(0f, y[2]);
    }

    @Test
    void float32CrossEntropyAgreesWithTheFloat64LossAndStaysFiniteForHugeLogits() {
        qt().withFixedSeed(9).withExamples(30).forAll(integers().between(1, 6), integers().between(2, 12), longs().all())
                .checkAssert((m, c, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor logits = floatTensor(rng, m, c).mul(seed % 2 == 0 ? 1.0 : 300.0);
                    float[] f = new float[m * c];
                    double[] d = logits.toArray();
                    for (int i = 0; i < f.length; i++) {
                        f[i] = (float) d[i];
                    }
                    Tensor exact = Tensor.of(widen(f), m, c);
                    int[] labels = new int[m];
                    for (int n = 0; n < m; n++) {
                        labels[n] = rng.nextInt(c);
                    }
                    for (Losses.Reduction red : Losses.Reduction.values()) {
                        Losses.LossAndGradient lg = Losses.crossEntropy(exact, labels, red);
                        float[] grad = new float[m * c];
                        double value = Losses.crossEntropy32(f, m, c, labels, red, grad);
                        assertEquals(lg.value(), value, 1e-5 * (Math.abs(lg.value()) + 1), "loss");
                        double[] g64 = lg.gradient().toArray();
                        for (int i = 0; i < grad.length; i++) {
                            assertTrue(Float.isFinite(grad[i]));
                            assertEquals(g64[i], grad[i], 1e-6, "gradient entry " + i);
                        }
                    }
                });
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy32(new float[] {0f, Float.NaN}, 1, 2,
                new int[] {0}, Losses.Reduction.MEAN, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy32(new float[] {0f, 1f}, 1, 2,
                new int[] {2}, Losses.Reduction.MEAN, new float[2]));
    }

    private static Tensor floatTensor(Rng rng, int... shape) {
        double[] v = rng.normal(0, 1, shape).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) v[i];
        }
        return Tensor.of(v, shape);
    }

    static double[] widen(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
