package org.jlaplace.core.conv;

import static org.jlaplace.core.conv.Conv2dTest.assertClose;
import static org.jlaplace.core.conv.Conv2dTest.assertInnerProductsEqual;
import static org.jlaplace.core.conv.Conv2dTest.dot;
import static org.jlaplace.core.conv.Conv2dTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Pooling against direct loops, and the backward passes by the adjoint identity. */
class Pool2dTest {

    record Case(int[] xs, int kernel, int stride, double[] x, long seed) {
        int[] outShape() {
            return new int[] {xs[0], xs[1], (xs[2] - kernel) / stride + 1, (xs[3] - kernel) / stride + 1};
        }

        double[] randomOut() {
            int[] s = outShape();
            return uniform(s[0] * s[1] * s[2] * s[3], new SplittableRandom(seed + 1));
        }

        @Override
        public String toString() {
            return "x" + java.util.Arrays.toString(xs) + " kernel " + kernel + " stride " + stride;
        }
    }

    static Gen<Case> cases() {
        return longs().all().map(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int k = 1 + r.nextInt(4);
            int s = 1 + r.nextInt(3);
            int[] xs = {1 + r.nextInt(3), 1 + r.nextInt(3), k + r.nextInt(7), k + r.nextInt(7)};
            return new Case(xs, k, s, uniform(xs[0] * xs[1] * xs[2] * xs[3], r), seed);
        });
    }

    @Test
    void maxPoolMatchesDirectLoopsAndItsArgmaxPointsAtTheMaximum() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            MaxPoolResult r = Pool2d.maxForward(Tensor.of(c.x(), c.xs()), c.kernel(), c.stride());
            assertArrayEquals(c.outShape(), r.out().shape(), c.toString());
            double[] out = r.out().toArray();
            assertClose(DirectConv.pool(c.x(), c.xs(), c.kernel(), c.stride(), true), out, c.toString());
            for (int o = 0; o < out.length; o++) {
                assertEquals(out[o], c.x()[r.argmax()[o]], c.toString());
            }
        });
    }

    @Test
    void maxBackwardIsTheAdjointOfTheSelection() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            MaxPoolResult r = Pool2d.maxForward(Tensor.of(c.x(), c.xs()), c.kernel(), c.stride());
            double[] g = c.randomOut();
            double[] dx = Pool2d.maxBackward(Tensor.of(g, c.outShape()), r.argmax(), c.xs()).toArray();
            // The selection S·v = v[argmax] is linear; ⟨g, S·v⟩ = ⟨Sᵀ·g, v⟩ for any v.
            double[] v = uniform(c.x().length, new SplittableRandom(c.seed() + 9));
            double[] sv = new double[g.length];
            for (int o = 0; o < g.length; o++) {
                sv[o] = v[r.argmax()[o]];
            }
            assertInnerProductsEqual(dot(g, sv), dot(dx, v), c.toString());
            assertInnerProductsEqual(dot(g, r.out().toArray()), dot(dx, c.x()), c.toString());
        });
    }

    @Test
    void avgPoolMatchesDirectLoopsAndBackwardIsItsAdjoint() {
        qt().withExamples(60).forAll(cases()).checkAssert(c -> {
            Tensor y = Pool2d.avgForward(Tensor.of(c.x(), c.xs()), c.kernel(), c.stride());
            assertArrayEquals(c.outShape(), y.shape(), c.toString());
            assertClose(DirectConv.pool(c.x(), c.xs(), c.kernel(), c.stride(), false), y.toArray(), c.toString());
            double[] g = c.randomOut();
            double[] dx = Pool2d.avgBackward(Tensor.of(g, c.outShape()), c.xs(), c.kernel(), c.stride()).toArray();
            assertInnerProductsEqual(dot(g, y.toArray()), dot(dx, c.x()), c.toString());
        });
    }

    @Test
    void maxPoolPropagatesNaN() {
        double[] x = {1, 2, Double.NaN, 0};
        MaxPoolResult r = Pool2d.maxForward(Tensor.of(x, 1, 1, 2, 2), 2, 2);
        assertTrue(Double.isNaN(r.out().toArray()[0]));
        assertEquals(2, r.argmax()[0]);
    }

    @Test
    void errorsNameTheShapes() {
        Tensor x = Tensor.zeros(1, 2, 4, 4);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Pool2d.maxForward(x, 5, 1));
        assertTrue(big.getMessage().contains("5x5") && big.getMessage().contains("[1, 2, 4, 4]"), big.getMessage());
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class, () -> Pool2d.avgForward(x, 2, 0));
        assertTrue(stride.getMessage().contains("stride"), stride.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> Pool2d.avgBackward(Tensor.zeros(1, 2, 3, 3), new int[] {1, 2, 4, 4}, 2, 2));
        assertTrue(grad.getMessage().contains("[1, 2, 3, 3]") && grad.getMessage().contains("[1, 2, 2, 2]"),
                grad.getMessage());
        IllegalArgumentException argmax = assertThrows(IllegalArgumentException.class,
                () -> Pool2d.maxBackward(Tensor.zeros(1, 2, 2, 2), new int[] {0, 1, 2, 3, 4, 5, 6, 99}, new int[] {1, 2, 4, 4}));
        assertTrue(argmax.getMessage().contains("99"), argmax.getMessage());
    }
}
