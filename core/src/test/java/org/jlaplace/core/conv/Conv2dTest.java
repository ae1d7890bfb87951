package org.jlaplace.core.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Conv2d (im2col + GEMM) against the direct nested loops of {@link DirectConv}, and its adjoints by
 * the identities {@code ⟨y, conv(x)⟩ = ⟨convᵀ_input(y), x⟩} and {@code ⟨y, conv_x(w)⟩ = ⟨convᵀ_weight(y), w⟩}.
 */
class Conv2dTest {

    /** A random convolution problem: shapes, stride, padding and data. */
    record Case(int[] xs, int[] ws, int stride, int pad, double[] x, double[] w, double[] bias, long seed) {
        int outH() {
            return (xs[2] + 2 * pad - ws[2]) / stride + 1;
        }

        int outW() {
            return (xs[3] + 2 * pad - ws[3]) / stride + 1;
        }

        int[] outShape() {
            return new int[] {xs[0], ws[0], outH(), outW()};
        }

        double[] randomOut() {
            int[] s = outShape();
            return uniform(s[0] * s[1] * s[2] * s[3], new SplittableRandom(seed + 7));
        }

        @Override
        public String toString() {
            return "x" + java.util.Arrays.toString(xs) + " w" + java.util.Arrays.toString(ws)
                    + " stride " + stride + " pad " + pad;
        }
    }

    static Gen<Case> cases() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(3);
            int c = 1 + r.nextInt(3);
            int o = 1 + r.nextInt(4);
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(4);
            int pad = r.nextInt(3);
            int stride = 1 + r.nextInt(3);
            int h = Math.max(1, kh - 2 * pad) + r.nextInt(7);
            int w = Math.max(1, kw - 2 * pad) + r.nextInt(7);
            int[] xs = {n, c, h, w};
            int[] ws = {o, c, kh, kw};
            return new Case(xs, ws, stride, pad, uniform(n * c * h * w, r), uniform(o * c * kh * kw, r),
                    r.nextBoolean() ? uniform(o, r) : null, seed);
        });
    }

    @Test
    void forwardMatchesDirectLoops() {
        qt().withExamples(60).forAll(cases()).checkAssert(k -> {
            Tensor y = Conv2d.forward(Tensor.of(k.x(), k.xs()), Tensor.of(k.w(), k.ws()),
                    k.bias() == null ? null : Tensor.of(k.bias(), k.ws()[0]), k.stride(), k.pad());
            assertArrayEquals(k.outShape(), y.shape(), k.toString());
            assertClose(DirectConv.forward(k.x(), k.xs(), k.w(), k.ws(), k.bias(), k.stride(), k.pad()),
                    y.toArray(), k.toString());
        });
    }

    @Test
    void backwardInputMatchesDirectLoopsAndIsTheAdjoint() {
        qt().withExamples(60).forAll(cases()).checkAssert(k -> {
            double[] g = k.randomOut();
            Tensor dx = Conv2d.backwardInput(Tensor.of(g, k.outShape()), Tensor.of(k.w(), k.ws()), k.xs(),
                    k.stride(), k.pad());
            assertArrayEquals(k.xs(), dx.shape());
            assertClose(DirectConv.backwardInput(g, k.w(), k.ws(), k.xs(), k.stride(), k.pad()), dx.toArray(),
                    k.toString());
            double[] y = DirectConv.forward(k.x(), k.xs(), k.w(), k.ws(), null, k.stride(), k.pad());
            assertInnerProductsEqual(dot(g, y), dot(dx.toArray(), k.x()), k.toString());
        });
    }

    @Test
    void backwardWeightMatchesDirectLoopsAndIsTheAdjoint() {
        qt().withExamples(60).forAll(cases()).checkAssert(k -> {
            double[] g = k.randomOut();
            Tensor dw = Conv2d.backwardWeight(Tensor.of(g, k.outShape()), Tensor.of(k.x(), k.xs()), k.ws(),
                    k.stride(), k.pad());
            assertArrayEquals(k.ws(), dw.shape());
            assertClose(DirectConv.backwardWeight(g, k.x(), k.xs(), k.ws(), k.stride(), k.pad()), dw.toArray(),
                    k.toString());
            double[] y = DirectConv.forward(k.x(), k.xs(), k.w(), k.ws(), null, k.stride(), k.pad());
            assertInnerProductsEqual(dot(g, y), dot(dw.toArray(), k.w()), k.toString());
        });
    }

    @Test
    void backwardBiasIsTheAdjointOfAddingTheBias() {
        qt().withExamples(30).forAll(cases()).checkAssert(k -> {
            double[] g = k.randomOut();
            double[] b = uniform(k.ws()[0], new SplittableRandom(k.seed() + 3));
            double[] withBias = Conv2d.forward(Tensor.of(k.x(), k.xs()), Tensor.of(k.w(), k.ws()),
                    Tensor.of(b, b.length), k.stride(), k.pad()).toArray();
            double[] without = Conv2d.forward(Tensor.of(k.x(), k.xs()), Tensor.of(k.w(), k.ws()), null,
                    k.stride(), k.pad()).toArray();
            double[] added = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                added[i] = withBias[i] - without[i];
            }
            Tensor db = Conv2d.backwardBias(Tensor.of(g, k.outShape()));
            assertInnerProductsEqual(dot(g, added), dot(db.toArray(), b), k.toString());
        });
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        qt().withExamples(40).forAll(cases()).checkAssert(k -> {
            Tensor cols = Conv2d.im2col(Tensor.of(k.x(), k.xs()), k.ws()[2], k.ws()[3], k.stride(), k.pad());
            int[] cs = cols.shape();
            assertArrayEquals(new int[] {k.xs()[0], k.xs()[1] * k.ws()[2] * k.ws()[3], k.outH() * k.outW()}, cs);
            double[] u = uniform(cols.size(), new SplittableRandom(k.seed() + 5));
            Tensor back = Conv2d.col2im(Tensor.of(u, cs), k.xs(), k.ws()[2], k.ws()[3], k.stride(), k.pad());
            assertInnerProductsEqual(dot(u, cols.toArray()), dot(back.toArray(), k.x()), k.toString());
        });
    }

    @Test
    void im2colEntriesAreThePatches() {
        int[] xs = {2, 3, 5, 4};
        double[] x = uniform(2 * 3 * 5 * 4, new SplittableRandom(1));
        int kh = 3, kw = 2, s = 2, pad = 1;
        Tensor cols = Conv2d.im2col(Tensor.of(x, xs), kh, kw, s, pad);
        int oh = (5 + 2 - 3) / 2 + 1;
        int ow = (4 + 2 - 2) / 2 + 1;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        for (int p = 0; p < oh; p++) {
                            for (int q = 0; q < ow; q++) {
                                double expected = DirectConv.at(x, 3, 5, 4, n, c, p * s + i - pad, q * s + j - pad);
                                assertEquals(expected, cols.get(n, (c * kh + i) * kw + j, p * ow + q));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void errorsNameTheShapes() {
        Tensor x = Tensor.zeros(2, 3, 8, 8);
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0));
        assertTrue(channels.getMessage().contains("[2, 3, 8, 8]") && channels.getMessage().contains("[4, 2, 3, 3]"),
                channels.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(x, Tensor.zeros(4, 3, 11, 3), null, 1, 1));
        assertTrue(big.getMessage().contains("larger than the padded input 10x10"), big.getMessage());
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(x, Tensor.zeros(4, 3, 3, 3), null, 0, 0));
        assertTrue(stride.getMessage().contains("stride"), stride.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(x, Tensor.zeros(4, 3, 3, 3), null, 1, -1));
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(x, Tensor.zeros(4, 3, 3, 3), Tensor.zeros(5), 1, 0));
        assertTrue(bias.getMessage().contains("[5]"), bias.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.forward(Tensor.zeros(3, 8, 8), Tensor.zeros(4, 3, 3, 3), null, 1, 0));
        assertTrue(rank.getMessage().contains("[3, 8, 8]"), rank.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.backwardInput(Tensor.zeros(2, 4, 5, 5), Tensor.zeros(4, 3, 3, 3), new int[] {2, 3, 8, 8}, 1, 0));
        assertTrue(grad.getMessage().contains("[2, 4, 5, 5]") && grad.getMessage().contains("[2, 4, 6, 6]"),
                grad.getMessage());
    }

    static double[] uniform(int size, SplittableRandom r) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = 2.0 * r.nextDouble() - 1.0;
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])) * 50, what + " at " + i);
        }
    }

    static void assertInnerProductsEqual(double lhs, double rhs, String what) {
        assertEquals(lhs, rhs, 1e-11 * (1 + Math.abs(lhs)) * 50, what + ": adjoint identity");
    }
}
