package org.jlaplace.core.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * im2col and col2im of the double and float kernels against their definition, entry by entry, on
 * geometries that take both the per-segment path and the contiguous "same convolution" path
 * (stride 1, {@code kw = 2·pad + 1}), with paddings up to larger than the image.
 */
class PatchPlanTest {

    private static ConvGeometry geometry(SplittableRandom r) {
        int c = 1 + r.nextInt(3);
        int stride = r.nextInt(3) == 0 ? 2 : 1;
        int pad = r.nextInt(4);
        boolean same = r.nextBoolean();
        int kw = same ? 2 * pad + 1 : 1 + r.nextInt(4);
        int kh = same && r.nextBoolean() ? 2 * pad + 1 : 1 + r.nextInt(4);
        int h = Math.max(1, kh - 2 * pad) + r.nextInt(6);
        int w = Math.max(1, kw - 2 * pad) + r.nextInt(6);
        return ConvGeometry.of("test", new int[] {1 + r.nextInt(2), c, h, w}, kh, kw, same ? 1 : stride, pad);
    }

    /** The definition: entry {@code (row, p·outW + q)} is {@code x[c, p·s + i − pad, q·s + j − pad]}, zero outside. */
    private static double entry(ConvGeometry g, double[] x, int xOff, int row, int p, int q) {
        int c = row / (g.kh() * g.kw());
        int i = row / g.kw() % g.kh();
        int j = row % g.kw();
        int iy = p * g.stride() + i - g.padding();
        int ix = q * g.stride() + j - g.padding();
        if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
            return 0.0;
        }
        return x[xOff + (c * g.height() + iy) * g.width() + ix];
    }

    @Test
    void im2colAndCol2imFollowTheirDefinitionOnBothPaths() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ConvGeometry g = geometry(r);
            PatchPlan plan = PatchPlan.of(g);
            int d = g.patchSize();
            int s = g.outPositions();
            int xOff = r.nextInt(3);
            double[] x = Conv2dTest.uniform(xOff + g.imageSize() + 2, r);
            float[] xf = FloatConvKernelsTest.toFloat(x);
            double[] cols = Conv2dTest.uniform(d * s, r);
            float[] colsF = FloatConvKernelsTest.toFloat(Conv2dTest.uniform(d * s, r));
            ConvKernels.im2col(plan, x, xOff, cols);
            FloatConvKernels.im2col(plan, xf, xOff, colsF);
            String what = g + " contiguous=" + plan.rowsContiguous();
            for (int row = 0; row < d; row++) {
                for (int p = 0; p < g.outH(); p++) {
                    for (int q = 0; q < g.outW(); q++) {
                        int at = row * s + p * g.outW() + q;
                        assertEquals(entry(g, x, xOff, row, p, q), cols[at], what + " entry " + at);
                        assertEquals((float) entry(g, x, xOff, row, p, q), colsF[at], what + " float entry " + at);
                    }
                }
            }
            // col2im adds every patch entry back onto the pixel it was read from
            double[] back = new double[x.length];
            float[] backF = new float[x.length];
            double[] expected = new double[x.length];
            double[] c2 = Conv2dTest.uniform(d * s, r);
            for (int row = 0; row < d; row++) {
                int c = row / (g.kh() * g.kw());
                int i = row / g.kw() % g.kh();
                int j = row % g.kw();
                for (int p = 0; p < g.outH(); p++) {
                    for (int q = 0; q < g.outW(); q++) {
                        int iy = p * g.stride() + i - g.padding();
                        int ix = q * g.stride() + j - g.padding();
                        if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                            expected[xOff + (c * g.height() + iy) * g.width() + ix] += c2[row * s + p * g.outW() + q];
                        }
                    }
                }
            }
            ConvKernels.col2im(plan, c2, back, xOff);
            FloatConvKernels.col2im(plan, FloatConvKernelsTest.toFloat(c2), backF, xOff);
            for (int k = 0; k < x.length; k++) {
                assertEquals(expected[k], back[k], 1e-12, what + " col2im at " + k);
                assertEquals(expected[k], backF[k], 1e-5, what + " float col2im at " + k);
            }
        });
    }
}
