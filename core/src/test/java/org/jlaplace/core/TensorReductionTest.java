package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** Reductions against naive loops over random shapes and axes; numerical stability of log-sum-exp. */
class TensorReductionTest {
    private static final double TOL = 1e-12;

    /** Output index → the input index with {@code j} inserted at {@code axis}. */
    private static int[] insert(int[] idx, int axis, int j) {
        int[] src = new int[idx.length + 1];
        for (int i = 0, k = 0; i < src.length; i++) {
            src[i] = i == axis ? j : idx[k++];
        }
        return src;
    }

    private static int[] drop(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (i != axis) {
                out[k++] = shape[i];
            }
        }
        return out;
    }

    @Test
    void singleAxisReductionsMatchNaiveLoops() {
        qt().withExamples(150).forAll(TensorGens.nonScalarShapes(4, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Rng rng = new Rng(seed);
            int axis = rng.nextInt(shape.length);
            Tensor x = rng.nextInt(2) == 0 ? TensorGens.randomTensor(seed, shape)
                    : TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape));
            int n = shape[axis];
            Tensor sum = x.sum(axis, false);
            Tensor mean = x.mean(axis, false);
            Tensor max = x.max(axis, false);
            int[] argmax = x.argmax(axis);
            Tensor lse = x.logsumexp(axis, false);
            int[] outShape = drop(shape, axis);
            assertArrayEquals(outShape, sum.shape());
            assertArrayEquals(outShape, lse.shape());
            int[] flat = {0};
            TensorGens.forEachIndex(outShape, idx -> {
                double s = 0;
                double m = Double.NEGATIVE_INFINITY;
                int am = -1;
                for (int j = 0; j < n; j++) {
                    double v = x.get(insert(idx, axis, j));
                    s += v;
                    if (v > m) {
                        m = v;
                        am = j;
                    }
                }
                double e = 0;
                for (int j = 0; j < n; j++) {
                    e += Math.exp(x.get(insert(idx, axis, j)));
                }
                assertEquals(s, sum.get(idx), TOL);
                assertEquals(s / n, mean.get(idx), TOL);
                assertEquals(m, max.get(idx));
                assertEquals(am, argmax[flat[0]++]);
                assertEquals(Math.log(e), lse.get(idx), TOL);
            });
            int[] kept = shape.clone();
            kept[axis] = 1;
            assertArrayEquals(kept, x.sum(axis, true).shape());
            assertArrayEquals(kept, x.max(axis, true).shape());
            assertArrayEquals(kept, x.logsumexp(axis, true).shape());
            assertArrayEquals(sum.toArray(), x.sum(axis - shape.length, true).toArray());
        });
    }

    @Test
    void multiAxisSumMatchesNaiveLoop() {
        qt().withExamples(150).forAll(TensorGens.nonScalarShapes(4, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Rng rng = new Rng(seed);
            Tensor x = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape));
            boolean[] reduce = new boolean[shape.length];
            int count = 0;
            for (int i = 0; i < shape.length; i++) {
                reduce[i] = rng.nextInt(2) == 0;
                if (reduce[i]) {
                    count++;
                }
            }
            int[] axes = new int[count];
            int[] keptShape = shape.clone();
            int reducedSize = 1;
            for (int i = 0, k = 0; i < shape.length; i++) {
                if (reduce[i]) {
                    axes[k++] = i;
                    keptShape[i] = 1;
                    reducedSize *= shape[i];
                }
            }
            double[] expected = new double[TensorGens.product(keptShape)];
            int[] keptStrides = new int[shape.length];
            for (int i = shape.length - 1, s = 1; i >= 0; i--) {
                keptStrides[i] = s;
                s *= keptShape[i];
            }
            TensorGens.forEachIndex(shape, idx -> {
                int p = 0;
                for (int i = 0; i < idx.length; i++) {
                    p += reduce[i] ? 0 : idx[i] * keptStrides[i];
                }
                expected[p] += x.get(idx);
            });
            Tensor kept = x.sum(axes, true);
            assertArrayEquals(keptShape, kept.shape());
            assertTrue(kept.allClose(Tensor.of(expected, keptShape), 0, TOL));
            assertArrayEquals(kept.toArray(), x.sum(axes, false).toArray());
            Tensor mean = x.mean(axes, true);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i] / reducedSize, mean.toArray()[i], TOL);
            }
        });
    }

    @Test
    void sumToIsTheAdjointOfBroadcastTo() {
        qt().withExamples(150).forAll(TensorGens.broadcastablePairs(), TensorGens.seeds()).checkAssert((pair, seed) -> {
            int[] small = pair[0];
            int[] big = TensorGens.broadcastShape(pair[0], pair[1]);
            Tensor x = TensorGens.randomTensor(seed, small);
            Tensor y = TensorGens.stridedCopy(TensorGens.randomTensor(seed + 1, big));
            double lhs = x.broadcastTo(big).dot(y);
            Tensor reduced = y.sumTo(small);
            assertArrayEquals(small, reduced.shape());
            double rhs = x.dot(reduced);
            assertEquals(lhs, rhs, 1e-10 * (1 + Math.abs(lhs)));
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sumTo(2));
        assertTrue(e.getMessage().contains("sumTo") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"),
                e.getMessage());
    }

    @Test
    void softmaxAndLogSoftmaxAgreeAndNormalise() {
        qt().withExamples(100).forAll(TensorGens.nonScalarShapes(3, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Rng rng = new Rng(seed);
            int axis = rng.nextInt(shape.length);
            Tensor x = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape).mul(10));
            Tensor p = x.softmax(axis);
            Tensor logp = x.logSoftmax(axis);
            assertTrue(p.allClose(logp.exp(), 1e-12, 1e-15));
            assertTrue(p.sum(axis, false).allClose(Tensor.ones(drop(shape, axis)), 0, 1e-12));
            assertTrue(logp.allClose(x.sub(x.logsumexp(axis, true)), 0, 1e-12));
        });
    }

    @Test
    void logSumExpIsStableAtPlusMinusThousand() {
        Tensor x = Tensor.fromRows(new double[][] {{1000, 1000, 999}, {-1000, -1000, -1001}});
        Tensor lse = x.logsumexp(1, false);
        double tail = Math.log(2 + Math.exp(-1));
        assertEquals(1000 + tail, lse.get(0), 1e-12);
        assertEquals(-1000 + tail, lse.get(1), 1e-12);
        Tensor p = x.softmax(1);
        Tensor logp = x.logSoftmax(1);
        double z = 2 + Math.exp(-1);
        for (int r = 0; r < 2; r++) {
            assertEquals(1 / z, p.get(r, 0), 1e-15);
            assertEquals(Math.exp(-1) / z, p.get(r, 2), 1e-15);
            assertEquals(-Math.log(z), logp.get(r, 1), 1e-12);
            assertEquals(-1 - Math.log(z), logp.get(r, 2), 1e-12);
        }
        Tensor mixed = Tensor.of(new double[] {1000, -1000}, 2);
        assertEquals(1000.0, mixed.logsumexp(0, false).item(), 0.0);
        assertEquals(1.0, mixed.softmax(0).get(0), 0.0);
        assertEquals(0.0, mixed.softmax(0).get(1), 0.0);
        assertEquals(-2000.0, mixed.logSoftmax(0).get(1), 0.0);
        for (double v : x.softmax(0).toArray()) {
            assertFalse(Double.isNaN(v));
        }
    }

    @Test
    void logSumExpHandlesInfinities() {
        Tensor allNegInf = Tensor.full(Double.NEGATIVE_INFINITY, 3);
        assertEquals(Double.NEGATIVE_INFINITY, allNegInf.logsumexp(0, false).item());
        Tensor withInf = Tensor.of(new double[] {1, Double.POSITIVE_INFINITY}, 2);
        assertEquals(Double.POSITIVE_INFINITY, withInf.logsumexp(0, false).item());
        Tensor withNegInf = Tensor.of(new double[] {0, Double.NEGATIVE_INFINITY}, 2);
        assertEquals(0.0, withNegInf.logsumexp(0, false).item(), 0.0);
        assertEquals(0.0, withNegInf.softmax(0).get(1), 0.0);
    }

    @Test
    void fullReductionsMatchLoops() {
        qt().withExamples(60).forAll(TensorGens.shapes(4, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape));
            double[] v = x.toArray();
            double s = 0;
            double sq = 0;
            double m = Double.NEGATIVE_INFINITY;
            for (double d : v) {
                s += d;
                sq += d * d;
                m = Math.max(m, d);
            }
            assertEquals(s, x.sum(), TOL);
            assertEquals(s / v.length, x.mean(), TOL);
            assertEquals(m, x.max());
            assertEquals(sq, x.norm2(), TOL);
            assertEquals(sq, x.dot(x), TOL);
        });
    }

    @Test
    void emptyAndNaNInputsThrowClearly() {
        Tensor empty = Tensor.zeros(2, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.max(1, false));
        assertTrue(e.getMessage().contains("max") && e.getMessage().contains("[2, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> empty.argmax(1));
        assertThrows(IllegalArgumentException.class, () -> empty.mean(1, false));
        assertArrayEquals(new double[] {0, 0}, empty.sum(1, false).toArray());
        Tensor withNaN = Tensor.of(new double[] {1, Double.NaN, 3}, 3);
        e = assertThrows(IllegalArgumentException.class, () -> withNaN.argmax(0));
        assertTrue(e.getMessage().contains("argmax") && e.getMessage().contains("NaN"), e.getMessage());
        assertTrue(Double.isNaN(withNaN.max(0, false).item()));
        assertTrue(Double.isNaN(withNaN.logsumexp(0, false).item()));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).dot(Tensor.zeros(3)));
    }
}
