package org.jlaplace.laplace;

import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Parallel;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.curvature.KronSums;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link KronSums} on captures built directly (no network): the factors against their definitions
 * {@code A = (1/(M·T)) Σ_{n,t} a_nt a_ntᵀ} and {@code B = Σ_{row,t} b_row,t b_row,tᵀ} evaluated by plain
 * loops, for convolution-like layers (many positions, channel counts on and off the kernels' tiles)
 * next to a Linear one, added in one or several chunks; and bitwise the same factors on 1, 2 and 3
 * threads for layers large enough to be split.
 */
class KronSumsTest {

    /** A capture of {@code data} data with {@code r} cotangent rows each, Gaussian inputs and cotangents. */
    private static KronCapture capture(Random rng, int group, int in, int out, int data, int r, int t) {
        double[] inputs = new double[data * t * in];
        double[] cot = new double[data * r * out * t];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = rng.nextGaussian();
        }
        for (int i = 0; i < cot.length; i++) {
            cot[i] = rng.nextGaussian();
        }
        return new KronCapture(group, group + 1, inputs, in, cot, out, data, t);
    }

    /** {@code B = Σ_{row,t} b bᵀ} over all chunks' captures of one layer, by a plain loop. */
    private static double[] definitionB(List<KronCapture> chunks) {
        int out = chunks.get(0).outFeatures();
        double[] b = new double[out * out];
        for (KronCapture c : chunks) {
            int t = c.positions();
            double[] x = c.cotangents();
            for (int row = 0; row < c.cotangentRows(); row++) {
                for (int o = 0; o < out; o++) {
                    for (int o2 = 0; o2 < out; o2++) {
                        double s = 0.0;
                        for (int p = 0; p < t; p++) {
                            s += x[(row * out + o) * t + p] * x[(row * out + o2) * t + p];
                        }
                        b[o * out + o2] += s;
                    }
                }
            }
        }
        return b;
    }

    /** {@code A = (1/(M·T)) Σ a aᵀ} over all chunks' input rows of one layer, by a plain loop. */
    private static double[] definitionA(List<KronCapture> chunks) {
        int in = chunks.get(0).inFeatures();
        double[] a = new double[in * in];
        long rows = 0;
        for (KronCapture c : chunks) {
            double[] x = c.inputs();
            for (int n = 0; n < x.length / in; n++, rows++) {
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < in; j++) {
                        a[i * in + j] += x[n * in + i] * x[n * in + j];
                    }
                }
            }
        }
        for (int i = 0; i < a.length; i++) {
            a[i] /= rows;
        }
        return a;
    }

    @Test
    void factorsMatchTheirDefinitions() {
        qt().withExamples(40).withFixedSeed(31).forAll(integers().between(1, 13), integers().between(2, 40),
                integers().between(1, 3), longs().all())
            .checkAssert((out, t, chunks, seed) -> {
                Random rng = new Random(seed);
                int in = 1 + rng.nextInt(6);
                int r = 1 + rng.nextInt(3);
                int linearOut = 1 + rng.nextInt(5);
                List<KronCapture> conv = new ArrayList<>();
                List<KronCapture> linear = new ArrayList<>();
                KronSums sums = new KronSums();
                for (int k = 0; k < chunks; k++) {
                    int data = 1 + rng.nextInt(4);
                    conv.add(capture(rng, 0, in, out, data, r, t));
                    linear.add(capture(rng, 2, out, linearOut, data, r, 1));
                    sums.add(List.of(conv.get(k), linear.get(k)));
                }
                List<KronFactors> f = sums.factors();
                String what = out + " channels, " + t + " positions, " + chunks + " chunks";
                KronChunkedTest.assertMatrix(definitionB(conv), f.get(0).b(), "conv B, " + what);
                KronChunkedTest.assertMatrix(definitionA(conv), f.get(0).a(), "conv A, " + what);
                KronChunkedTest.assertMatrix(definitionB(linear), f.get(1).b(), "linear B, " + what);
                KronChunkedTest.assertMatrix(definitionA(linear), f.get(1).a(), "linear A, " + what);
            });
    }

    /** The MNIST CNN's convolution shapes (16 channels on 28×28, 32 on 14×14) and an off-tile one, over several blocks. */
    @Test
    void factorsAreBitwiseTheSameOnOneTwoAndThreeThreads() {
        int[][] shapes = {{16, 784, 60}, {32, 196, 120}, {6, 196, 300}};
        for (int[] s : shapes) {
            int out = s[0];
            int t = s[1];
            int data = s[2];
            // Enough work that each of three threads gets a share: at least three tasks of the minimum size.
            assertTrue((long) out * out / 2 * data * t > 3 * Parallel.MIN_WORK_PER_TASK, "too small to split");
            Random rng = new Random(out * 1000L + t);
            List<KronCapture> chunk = List.of(capture(rng, 0, 3, out, data, 1, t), capture(rng, 2, out, 10, data, 1, 1));
            Supplier<List<KronFactors>> run = () -> {
                KronSums sums = new KronSums();
                sums.add(chunk);
                return sums.factors();
            };
            List<KronFactors> one = withThreads(1, run);
            KronChunkedTest.assertMatrix(definitionB(List.of(chunk.get(0))), one.get(0).b(), "B of " + out + "×" + t);
            for (int threads : new int[] {2, 3}) {
                List<KronFactors> many = withThreads(threads, run);
                for (int k = 0; k < one.size(); k++) {
                    assertArrayEquals(one.get(k).a(), many.get(k).a(), "A, " + threads + " threads, " + out + "×" + t);
                    assertArrayEquals(one.get(k).b(), many.get(k).b(), "B, " + threads + " threads, " + out + "×" + t);
                }
            }
        }
    }

    private static <T> T withThreads(int threads, Supplier<T> run) {
        String old = System.getProperty(Gemm.THREADS_PROPERTY);
        try {
            System.setProperty(Gemm.THREADS_PROPERTY, Integer.toString(threads));
            return run.get();
        } finally {
            if (old == null) {
                System.clearProperty(Gemm.THREADS_PROPERTY);
            } else {
                System.setProperty(Gemm.THREADS_PROPERTY, old);
            }
        }
    }
}
