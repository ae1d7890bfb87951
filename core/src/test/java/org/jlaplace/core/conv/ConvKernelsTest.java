package org.jlaplace.core.conv;

import static org.jlaplace.core.conv.Conv2dTest.assertClose;
import static org.jlaplace.core.conv.Conv2dTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.jlaplace.core.linalg.Parallel;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The batched kernels on batches large enough to be split over threads (several tasks, several
 * weight-gradient chunks): against the scalar nested loops of {@link DirectConv}, and bitwise
 * identical for 1, 2 and 3 threads.
 */
class ConvKernelsTest {

    /** A batch of images with a convolution: geometry, filters and data. */
    record Batch(ConvGeometry g, int outC, double[] x, double[] w, double[] bias, double[] gy, long seed) {
        int[] xs() {
            return g.inputShape();
        }

        int[] ws() {
            return new int[] {outC, g.channels(), g.kh(), g.kw()};
        }

        @Override
        public String toString() {
            return "x" + java.util.Arrays.toString(xs()) + " w" + java.util.Arrays.toString(ws()) + " stride "
                    + g.stride() + " pad " + g.padding();
        }
    }

    /** Batches of 17-48 images of 6-13 pixels a side, so that every kernel's work is split. */
    static Gen<Batch> batches() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 17 + r.nextInt(32);
            int c = 1 + r.nextInt(4);
            int o = 2 + r.nextInt(7);
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(4);
            int pad = r.nextInt(3);
            int stride = 1 + r.nextInt(2);
            int h = Math.max(6, kh) + r.nextInt(8);
            int w = Math.max(6, kw) + r.nextInt(8);
            ConvGeometry g = ConvGeometry.of("test", new int[] {n, c, h, w}, kh, kw, stride, pad);
            double[] x = uniform(n * c * h * w, r);
            double[] wt = uniform(o * c * kh * kw, r);
            double[] b = r.nextBoolean() ? uniform(o, r) : null;
            double[] gy = uniform(n * o * g.outPositions(), r);
            return new Batch(g, o, x, wt, b, gy, seed);
        });
    }

    private static double[] forward(Batch b, int threads) {
        double[] y = new double[b.g().batch() * b.outC() * b.g().outPositions()];
        ConvKernels.forward(b.g(), b.x(), b.w(), b.outC(), b.bias(), y, false, threads);
        return y;
    }

    private static double[] backwardInput(Batch b, int threads) {
        double[] dx = uniform(b.x().length, new SplittableRandom(b.seed()));
        ConvKernels.backwardInput(b.g(), b.gy(), b.w(), b.outC(), dx, threads);
        return dx;
    }

    private static double[] backwardWeight(Batch b, int threads) {
        double[] dw = new double[b.w().length];
        ConvKernels.backwardWeight(b.g(), b.gy(), b.x(), b.outC(), dw, threads);
        return dw;
    }

    private static double[] backwardBias(Batch b, int threads) {
        double[] db = new double[b.outC()];
        ConvKernels.backwardBias(b.g().batch(), b.outC(), b.g().outPositions(), b.gy(), db, threads);
        return db;
    }

    @Test
    void batchedKernelsMatchTheScalarLoops() {
        qt().withExamples(25).forAll(batches()).checkAssert(b -> {
            int s = b.g().stride();
            int pad = b.g().padding();
            assertClose(DirectConv.forward(b.x(), b.xs(), b.w(), b.ws(), b.bias(), s, pad), forward(b, 2),
                    b + " forward");
            assertClose(DirectConv.backwardInput(b.gy(), b.w(), b.ws(), b.xs(), s, pad), backwardInput(b, 2),
                    b + " input adjoint");
            assertClose(DirectConv.backwardWeight(b.gy(), b.x(), b.xs(), b.ws(), s, pad), backwardWeight(b, 2),
                    b + " weight adjoint");
            double[] db = new double[b.outC()];
            int positions = b.g().outPositions();
            for (int n = 0; n < b.g().batch(); n++) {
                for (int o = 0; o < b.outC(); o++) {
                    for (int q = 0; q < positions; q++) {
                        db[o] += b.gy()[(n * b.outC() + o) * positions + q];
                    }
                }
            }
            assertClose(db, backwardBias(b, 2), b + " bias adjoint");
        });
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        qt().withExamples(25).forAll(batches()).checkAssert(b -> {
            long work = 2L * b.outC() * b.g().patchSize() * b.g().outPositions();
            assertTrue(Parallel.tasks(b.g().batch(), work, 2) > 1 || b.g().batch() * work < 4 * Parallel.MIN_WORK_PER_TASK,
                    b + ": large batches must be split");
            for (int threads : new int[] {2, 3}) {
                assertArrayEquals(forward(b, 1), forward(b, threads), b + " forward, threads " + threads);
                assertArrayEquals(backwardInput(b, 1), backwardInput(b, threads), b + " input adjoint");
                assertArrayEquals(backwardWeight(b, 1), backwardWeight(b, threads), b + " weight adjoint");
                assertArrayEquals(backwardBias(b, 1), backwardBias(b, threads), b + " bias adjoint");
            }
        });
    }

    @Test
    void theMnistSizedLayersSplitAndAgreeBitwise() {
        // the shapes of cnn:16-32 on 28x28 at batch 64: several tasks and chunks on 2 threads
        SplittableRandom r = new SplittableRandom(11);
        for (int[] shape : new int[][] {{64, 1, 28, 28, 16}, {64, 16, 14, 14, 32}}) {
            ConvGeometry g = ConvGeometry.of("test", new int[] {shape[0], shape[1], shape[2], shape[3]}, 3, 3, 1, 1);
            int o = shape[4];
            Batch b = new Batch(g, o, uniform(g.batch() * g.imageSize(), r), uniform(o * g.patchSize(), r),
                    uniform(o, r), uniform(g.batch() * o * g.outPositions(), r), 5);
            assertTrue(Parallel.tasks(g.batch(), 2L * o * g.patchSize() * g.outPositions(), 2) == 2);
            assertTrue(g.batch() / ConvKernels.weightChunk(g.batch()) > 1);
            assertArrayEquals(forward(b, 1), forward(b, 2));
            assertArrayEquals(backwardInput(b, 1), backwardInput(b, 2));
            assertArrayEquals(backwardWeight(b, 1), backwardWeight(b, 2));
            assertArrayEquals(backwardBias(b, 1), backwardBias(b, 2));
            assertClose(DirectConv.backwardWeight(b.gy(), b.x(), b.xs(), b.ws(), 1, 1), backwardWeight(b, 2), "weight");
        }
    }

    @Test
    void accumulatingForwardAddsToTheOutputAndTheBiasIsAddedSeparately() {
        qt().withExamples(10).forAll(batches()).checkAssert(b -> {
            int size = b.g().batch() * b.outC() * b.g().outPositions();
            double[] start = uniform(size, new SplittableRandom(b.seed() + 1));
            double[] y = start.clone();
            ConvKernels.forward(b.g(), b.x(), b.w(), b.outC(), null, y, true, 2);
            double[] bias = uniform(b.outC(), new SplittableRandom(b.seed() + 2));
            ConvKernels.addBias(b.g().batch(), b.outC(), b.g().outPositions(), bias, y, 2);
            double[] expected = DirectConv.forward(b.x(), b.xs(), b.w(), b.ws(), bias, b.g().stride(), b.g().padding());
            for (int i = 0; i < size; i++) {
                expected[i] += start[i];
            }
            assertClose(expected, y, b.toString());
        });
    }

    @Test
    void patchesByPositionTransposeEachImagesPatchMatrix() {
        qt().withExamples(10).forAll(batches()).checkAssert(b -> {
            double[] byPosition = ConvKernels.patchesByPosition(b.g(), b.x(), 2);
            int d = b.g().patchSize();
            int s = b.g().outPositions();
            double[] cols = new double[d * s];
            for (int n = 0; n < b.g().batch(); n++) {
                ConvKernels.im2col(PatchPlan.of(b.g()), b.x(), n * b.g().imageSize(), cols);
                for (int k = 0; k < d; k++) {
                    for (int q = 0; q < s; q++) {
                        assertEquals(cols[k * s + q], byPosition[(n * s + q) * d + k], b.toString());
                    }
                }
            }
        });
    }

    @Test
    void maxPoolingSplitsOverThreadsWithIdenticalResults() {
        SplittableRandom r = new SplittableRandom(3);
        ConvGeometry g = ConvGeometry.of("test", new int[] {64, 16, 28, 28}, 2, 2, 2, 0);
        double[] x = uniform(g.batch() * g.imageSize(), r);
        int outSize = g.channels() * g.outPositions();
        double[][] y = new double[2][g.batch() * outSize];
        int[][] argmax = new int[2][y[0].length];
        for (int t = 0; t < 2; t++) {
            PoolKernels.maxForward(g, x, y[t], argmax[t], true, t + 1);
        }
        assertArrayEquals(y[0], y[1]);
        assertArrayEquals(argmax[0], argmax[1]);
        for (int o = 0; o < y[0].length; o++) {
            assertEquals(x[(o / outSize) * g.imageSize() + argmax[0][o]], y[0][o]);
        }
        int r3 = 3;
        double[] gy = uniform(g.batch() * r3 * outSize, r);
        double[][] gx = new double[2][g.batch() * r3 * g.imageSize()];
        double[][] ty = new double[2][gy.length];
        double[] tx = uniform(gx[0].length, r);
        for (int t = 0; t < 2; t++) {
            PoolKernels.scatter(g.batch(), r3, g.imageSize(), outSize, argmax[0], gy, gx[t], t + 1);
            PoolKernels.gather(g.batch(), r3, g.imageSize(), outSize, argmax[0], tx, ty[t], t + 1);
        }
        assertArrayEquals(gx[0], gx[1]);
        assertArrayEquals(ty[0], ty[1]);
        // gather and scatter are adjoint: ⟨gy, gather(tx)⟩ = ⟨scatter(gy), tx⟩
        assertEquals(Conv2dTest.dot(gy, ty[0]), Conv2dTest.dot(gx[0], tx), 1e-9);
    }
}
