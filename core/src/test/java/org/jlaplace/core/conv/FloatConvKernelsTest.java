package org.jlaplace.core.conv;

import static org.jlaplace.core.conv.Conv2dTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The float32 convolution and pooling kernels against the double kernels on the same
 * (float-representable) data, and bitwise identical for 1, 2 and 3 threads. A float result must
 * lie within {@code 2(t+2)·ε_f} of the double one, relative to the sum of the magnitudes of its
 * {@code t} terms (the double kernel run on absolute values), the worst-case bound of a float sum.
 */
class FloatConvKernelsTest {

    private static final double EPS_F = Math.ulp(1.0f);

    /** The float data of a batch, and its values back in double (exactly the same numbers). */
    record FloatBatch(ConvKernelsTest.Batch d, float[] x, float[] w, float[] bias, float[] gy) {
        static FloatBatch of(ConvKernelsTest.Batch b) {
            float[] x = toFloat(b.x());
            float[] w = toFloat(b.w());
            float[] bias = b.bias() == null ? null : toFloat(b.bias());
            float[] gy = toFloat(b.gy());
            return new FloatBatch(new ConvKernelsTest.Batch(b.g(), b.outC(), toDouble(x), toDouble(w),
                    bias == null ? null : toDouble(bias), toDouble(gy), b.seed()), x, w, bias, gy);
        }

        ConvGeometry g() {
            return d.g();
        }

        int outC() {
            return d.outC();
        }

        int outSize() {
            return g().batch() * outC() * g().outPositions();
        }
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static double[] abs(double[] x) {
        if (x == null) {
            return null;
        }
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.abs(x[i]);
        }
        return a;
    }

    /** Asserts {@code |actual − expected| ≤ 2(terms+2)·ε_f·magnitude} entrywise. */
    static void assertFloatClose(double[] expected, double[] magnitude, float[] actual, long terms, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double bound = 2 * (terms + 2) * EPS_F * magnitude[i];
            assertTrue(Math.abs(expected[i] - actual[i]) <= bound, what + " at " + i + ": " + actual[i]
                    + " but the double kernel gives " + expected[i] + " (bound " + bound + ")");
        }
    }

    private static float[] forward(FloatBatch b, int threads) {
        float[] y = new float[b.outSize()];
        FloatConvKernels.forward(b.g(), b.x(), b.w(), b.outC(), b.bias(), y, false, threads);
        return y;
    }

    private static float[] backwardInput(FloatBatch b, int threads) {
        float[] dx = toFloat(uniform(b.x().length, new SplittableRandom(b.d().seed())));
        FloatConvKernels.backwardInput(b.g(), b.gy(), b.w(), b.outC(), dx, threads);
        return dx;
    }

    private static float[] backwardWeight(FloatBatch b, int threads) {
        float[] dw = new float[b.w().length];
        FloatConvKernels.backwardWeight(b.g(), b.gy(), b.x(), b.outC(), dw, threads);
        return dw;
    }

    private static float[] backwardBias(FloatBatch b, int threads) {
        float[] db = new float[b.outC()];
        FloatConvKernels.backwardBias(b.g().batch(), b.outC(), b.g().outPositions(), b.gy(), db, threads);
        return db;
    }

    @Test
    void floatKernelsAgreeWithTheDoubleKernels() {
        qt().withExamples(25).forAll(ConvKernelsTest.batches()).checkAssert(batch -> {
            FloatBatch b = FloatBatch.of(batch);
            ConvKernelsTest.Batch d = b.d();
            ConvGeometry g = b.g();
            int outC = b.outC();
            String what = d.toString();

            double[] y = new double[b.outSize()];
            double[] yMag = new double[b.outSize()];
            ConvKernels.forward(g, d.x(), d.w(), outC, d.bias(), y, false, 2);
            ConvKernels.forward(g, abs(d.x()), abs(d.w()), outC, abs(d.bias()), yMag, false, 2);
            assertFloatClose(y, yMag, forward(b, 2), g.patchSize() + 1, what + " forward");

            double[] dx = new double[d.x().length];
            double[] dxMag = new double[d.x().length];
            ConvKernels.backwardInput(g, d.gy(), d.w(), outC, dx, 2);
            ConvKernels.backwardInput(g, abs(d.gy()), abs(d.w()), outC, dxMag, 2);
            assertFloatClose(dx, dxMag, backwardInput(b, 2), (long) outC * g.kh() * g.kw(), what + " input adjoint");

            double[] dw = new double[d.w().length];
            double[] dwMag = new double[d.w().length];
            ConvKernels.backwardWeight(g, d.gy(), d.x(), outC, dw, 2);
            ConvKernels.backwardWeight(g, abs(d.gy()), abs(d.x()), outC, dwMag, 2);
            long positions = (long) g.batch() * g.outPositions();
            assertFloatClose(dw, dwMag, backwardWeight(b, 2), positions, what + " weight adjoint");

            double[] db = new double[outC];
            double[] dbMag = new double[outC];
            ConvKernels.backwardBias(g.batch(), outC, g.outPositions(), d.gy(), db, 2);
            ConvKernels.backwardBias(g.batch(), outC, g.outPositions(), abs(d.gy()), dbMag, 2);
            assertFloatClose(db, dbMag, backwardBias(b, 2), positions, what + " bias adjoint");

            float[] byPosition = FloatConvKernels.patchesByPosition(g, b.x(), 2);
            assertArrayEquals(toFloat(ConvKernels.patchesByPosition(g, d.x(), 2)), byPosition, what + " patches");
        });
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        qt().withExamples(20).forAll(ConvKernelsTest.batches()).checkAssert(batch -> {
            FloatBatch b = FloatBatch.of(batch);
            for (int threads : new int[] {2, 3}) {
                String what = b.d() + ", threads " + threads;
                assertArrayEquals(forward(b, 1), forward(b, threads), what + " forward");
                assertArrayEquals(backwardInput(b, 1), backwardInput(b, threads), what + " input adjoint");
                assertArrayEquals(backwardWeight(b, 1), backwardWeight(b, threads), what + " weight adjoint");
                assertArrayEquals(backwardBias(b, 1), backwardBias(b, threads), what + " bias adjoint");
            }
        });
    }

    @Test
    void theMnistSizedLayersAgreeWithDoubleAndAcrossThreads() {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] shape : new int[][] {{64, 1, 28, 28, 16}, {64, 16, 14, 14, 32}}) {
            ConvGeometry g = ConvGeometry.of("test", new int[] {shape[0], shape[1], shape[2], shape[3]}, 3, 3, 1, 1);
            int o = shape[4];
            FloatBatch b = FloatBatch.of(new ConvKernelsTest.Batch(g, o, uniform(g.batch() * g.imageSize(), r),
                    uniform(o * g.patchSize(), r), uniform(o, r), uniform(g.batch() * o * g.outPositions(), r), 5));
            assertArrayEquals(forward(b, 1), forward(b, 2));
            assertArrayEquals(backwardInput(b, 1), backwardInput(b, 2));
            assertArrayEquals(backwardWeight(b, 1), backwardWeight(b, 2));
            double[] dw = new double[o * g.patchSize()];
            double[] dwMag = new double[dw.length];
            ConvKernels.backwardWeight(g, b.d().gy(), b.d().x(), o, dw, 2);
            ConvKernels.backwardWeight(g, abs(b.d().gy()), abs(b.d().x()), o, dwMag, 2);
            assertFloatClose(dw, dwMag, backwardWeight(b, 2), (long) g.batch() * g.outPositions(), "weight adjoint");
        }
    }

    @Test
    void accumulatingForwardAddsToTheOutputAndTheBiasIsAddedSeparately() {
        qt().withExamples(10).forAll(ConvKernelsTest.batches()).checkAssert(batch -> {
            FloatBatch b = FloatBatch.of(batch);
            ConvGeometry g = b.g();
            float[] start = toFloat(uniform(b.outSize(), new SplittableRandom(b.d().seed() + 1)));
            float[] bias = toFloat(uniform(b.outC(), new SplittableRandom(b.d().seed() + 2)));
            float[] y = start.clone();
            FloatConvKernels.forward(g, b.x(), b.w(), b.outC(), null, y, true, 2);
            FloatConvKernels.addBias(g.batch(), b.outC(), g.outPositions(), bias, y, 2);
            double[] expected = toDouble(start);
            double[] magnitude = abs(expected);
            ConvKernels.forward(g, b.d().x(), b.d().w(), b.outC(), null, expected, true, 2);
            ConvKernels.addBias(g.batch(), b.outC(), g.outPositions(), toDouble(bias), expected, 2);
            ConvKernels.forward(g, abs(b.d().x()), abs(b.d().w()), b.outC(), null, magnitude, true, 2);
            ConvKernels.addBias(g.batch(), b.outC(), g.outPositions(), abs(toDouble(bias)), magnitude, 2);
            assertFloatClose(expected, magnitude, y, g.patchSize() + 2, b.d().toString());
        });
    }

    @Test
    void maxPoolingMatchesTheDoubleKernelsExactly() {
        SplittableRandom r = new SplittableRandom(3);
        for (int[] s : new int[][] {{64, 16, 28, 28, 2, 2}, {3, 2, 9, 7, 3, 2}, {5, 3, 8, 8, 3, 1}}) {
            ConvGeometry g = ConvGeometry.of("test", new int[] {s[0], s[1], s[2], s[3]}, s[4], s[4], s[5], 0);
            float[] x = toFloat(uniform(g.batch() * g.imageSize(), r));
            x[r.nextInt(x.length)] = Float.NaN;
            double[] xd = toDouble(x);
            int outSize = g.channels() * g.outPositions();
            double[] yd = new double[g.batch() * outSize];
            int[] argmaxD = new int[yd.length];
            PoolKernels.maxForward(g, xd, yd, argmaxD, true, 1);
            for (int threads = 1; threads <= 3; threads++) {
                float[] y = new float[yd.length];
                int[] argmax = new int[yd.length];
                FloatPoolKernels.maxForward(g, x, y, argmax, true, threads);
                assertArrayEquals(toFloat(yd), y, "threads " + threads);
                assertArrayEquals(argmaxD, argmax, "threads " + threads);
            }
            int directions = 3;
            float[] gy = toFloat(uniform(g.batch() * directions * outSize, r));
            float[] tx = toFloat(uniform(g.batch() * directions * g.imageSize(), r));
            double[] gxD = new double[tx.length];
            double[] tyD = new double[gy.length];
            PoolKernels.scatter(g.batch(), directions, g.imageSize(), outSize, argmaxD, toDouble(gy), gxD, 1);
            PoolKernels.gather(g.batch(), directions, g.imageSize(), outSize, argmaxD, toDouble(tx), tyD, 1);
            double[] gxMag = new double[tx.length];
            PoolKernels.scatter(g.batch(), directions, g.imageSize(), outSize, argmaxD, abs(toDouble(gy)), gxMag, 1);
            float[] first = null;
            for (int threads = 1; threads <= 3; threads++) {
                float[] gx = new float[tx.length];
                float[] ty = new float[gy.length];
                FloatPoolKernels.scatter(g.batch(), directions, g.imageSize(), outSize, argmaxD, gy, gx, threads);
                FloatPoolKernels.gather(g.batch(), directions, g.imageSize(), outSize, argmaxD, tx, ty, threads);
                assertArrayEquals(toFloat(tyD), ty, "gather, threads " + threads);
                assertFloatClose(gxD, gxMag, gx, (long) s[4] * s[4], "scatter, threads " + threads);
                if (first == null) {
                    first = gx;
                } else {
                    assertArrayEquals(first, gx, "scatter, threads " + threads);
                }
            }
        }
    }
}
