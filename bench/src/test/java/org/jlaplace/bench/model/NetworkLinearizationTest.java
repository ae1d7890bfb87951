package org.jlaplace.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.curvature.KronCapture;
import org.junit.jupiter.api.Test;

class NetworkLinearizationTest {
    /**
     * Oracle: row (n, r) of B = Āᵀ J by central differences of a_nrᵀ f(x_n; θ) in each parameter,
     * independent of every reverse-mode path.
     */
    private static double[] finiteDifferenceRows(Sequential net, double[] x, int m, double[] a, int r) {
        int p = net.numParameters();
        int c = net.outputSize();
        double[] theta = net.flatParameters().toArray();
        int[] shape = net.inputShape();
        int[] full = new int[shape.length + 1];
        full[0] = m;
        System.arraycopy(shape, 0, full, 1, shape.length);
        double[] b = new double[m * r * p];
        double h = 1e-6;
        for (int q = 0; q < p; q++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[q] += h;
            minus[q] -= h;
            net.setFlatParameters(Tensor.of(plus, p));
            double[] fp = net.forward(Tensor.copyOf(x, full)).toArray();
            net.setFlatParameters(Tensor.of(minus, p));
            double[] fm = net.forward(Tensor.copyOf(x, full)).toArray();
            for (int n = 0; n < m; n++) {
                for (int k = 0; k < r; k++) {
                    double s = 0;
                    for (int j = 0; j < c; j++) {
                        s += a[(n * c + j) * r + k] * (fp[n * c + j] - fm[n * c + j]) / (2 * h);
                    }
                    b[(n * r + k) * p + q] = s;
                }
            }
        }
        net.setFlatParameters(Tensor.of(theta, p));
        return b;
    }

    private static void checkAgainstDifferences(String spec, int[] inputShape, int outputs, long seed, int m, int r) {
        Sequential net = ArchitectureSpec.build(spec, inputShape, outputs, seed);
        Rng rng = new Rng(seed + 1);
        double[] x = rng.normal(0, 1, m * net.inputSize()).toArray();
        double[] a = rng.normal(0, 1, m * outputs * r).toArray();
        NetworkLinearization lin = new NetworkLinearization(net, x, m);
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        double[] got = lin.batch(all).weightedJacobian(a, r);
        double[] want = finiteDifferenceRows(net, x, m, a, r);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want[i], got[i], 1e-6 * (1 + Math.abs(want[i])), spec + " entry " + i);
        }
    }

    @Test
    void mlpWeightedJacobianMatchesFiniteDifferences() {
        qt().withExamples(8).forAll(integers().between(1, 4), integers().between(1, 3), longs().between(0, 1000))
                .checkAssert((m, r, seed) -> checkAgainstDifferences("mlp:5-3:tanh", new int[] {4}, 3, seed, m, r));
    }

    @Test
    void cnnWeightedJacobianMatchesFiniteDifferences() {
        checkAgainstDifferences("cnn:2:3:tanh", new int[] {1, 4, 4}, 3, 5, 2, 2);
        checkAgainstDifferences("cnn:2-3:4-2:sigmoid", new int[] {2, 5, 6}, 2, 9, 3, 1);
    }

    @Test
    void structuredKernelsEqualGramsOfTheWeightedJacobianPerHyperparameter() {
        Sequential net = ArchitectureSpec.build("cnn:2:4-3:tanh", new int[] {1, 4, 4}, 3, 6);
        Rng rng = new Rng(3);
        int m = 3;
        int r = 2;
        double[] x = rng.normal(0, 1, m * 16).toArray();
        double[] a = rng.normal(0, 1, m * 3 * r).toArray();
        JacobianBatch b = new NetworkLinearization(net, x, m).batch(new int[] {2, 0, 1});
        int[] groupToKernel = {0, 1, 0, 1, 0, 1};
        double[][] got = b.weightedKernels(a, r, groupToKernel, 2);
        double[] rows = b.weightedJacobian(a, r);
        int p = net.numParameters();
        int side = m * r;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    double want = 0;
                    for (int g = 0; g < 6; g++) {
                        if (groupToKernel[g] != k) {
                            continue;
                        }
                        for (int q = net.parameterOffset(g); q < net.parameterOffset(g + 1); q++) {
                            want += rows[i * p + q] * rows[j * p + q];
                        }
                    }
                    assertEquals(want, got[k][i * side + j], 1e-10 * (1 + Math.abs(want)));
                }
            }
        }
    }

    @Test
    void batchesSelectTheirRowsAndPredictions() {
        Sequential net = ArchitectureSpec.build("mlp:4-2:relu", new int[] {3}, 2, 1);
        double[] x = new Rng(2).normal(0, 1, 5 * 3).toArray();
        NetworkLinearization lin = new NetworkLinearization(net, x, 5);
        JacobianBatch b = lin.batch(new int[] {4, 1});
        double[] f = net.forward(Tensor.copyOf(x, 5, 3)).toArray();
        assertArrayEquals(new double[] {f[8], f[9], f[2], f[3]}, b.predictions(), 1e-12);
        assertEquals(5, lin.dataSize());
        assertEquals(4, lin.groups().count());
        assertEquals("0.weight", lin.groups().name(0));
    }

    @Test
    void kronCapturesReproduceTheWeightedJacobianOfEachLinearLayer() {
        Sequential net = ArchitectureSpec.build("mlp:3-2:tanh", new int[] {2}, 2, 4);
        Rng rng = new Rng(8);
        int m = 3;
        int r = 2;
        double[] x = rng.normal(0, 1, m * 2).toArray();
        double[] a = rng.normal(0, 1, m * 2 * r).toArray();
        JacobianBatch b = new NetworkLinearization(net, x, m).batch(new int[] {0, 1, 2});
        double[] rows = b.weightedJacobian(a, r);
        List<KronCapture> caps = b.kronCaptures(a, r);
        assertEquals(2, caps.size());
        int p = net.numParameters();
        for (KronCapture cap : caps) {
            int off = net.parameterOffset(cap.weightGroup());
            for (int n = 0; n < m; n++) {
                for (int k = 0; k < r; k++) {
                    for (int o = 0; o < cap.outFeatures(); o++) {
                        for (int j = 0; j < cap.inFeatures(); j++) {
                            double want = cap.cotangents()[(n * r + k) * cap.outFeatures() + o] * cap.inputs()[n * cap.inFeatures() + j];
                            assertEquals(want, rows[(n * r + k) * p + off + o * cap.inFeatures() + j], 1e-12);
                        }
                    }
                }
            }
        }
    }
}
