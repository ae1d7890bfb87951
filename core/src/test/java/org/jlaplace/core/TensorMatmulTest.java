package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** matmul (plain, batched with broadcast batch axes, vectors, strided views) against naive loops. */
class TensorMatmulTest {
    private static final double TOL = 1e-11;

    /** {@code Σ_p a[…, i, p]·b[…, p, j]} for 2-D matrices given by accessor. */
    private static double naive(Tensor a2, Tensor b2, int i, int j) {
        double s = 0;
        for (int p = 0; p < a2.dim(1); p++) {
            s += a2.get(i, p) * b2.get(p, j);
        }
        return s;
    }

    private static Tensor maybeTransposedView(Tensor x, boolean viaTranspose) {
        // Same values, but stored as the transpose of a contiguous matrix: GEMM reads it in place.
        return viaTranspose ? x.transpose().copy().transpose() : x;
    }

    @Test
    void matrixProductMatchesNaiveLoops() {
        qt().withExamples(100).forAll(integers().between(0, 9), integers().between(0, 9), integers().between(0, 9),
                TensorGens.seeds()).checkAssert((m, k, n, seed) -> {
                    Rng rng = new Rng(seed);
                    Tensor a = maybeTransposedView(rng.normal(0, 1, m, k), rng.nextInt(2) == 0);
                    Tensor b = maybeTransposedView(rng.normal(0, 1, k, n), rng.nextInt(2) == 0);
                    Tensor c = a.matmul(b);
                    assertArrayEquals(new int[] {m, n}, c.shape());
                    TensorGens.forEachIndex(c.shape(), idx -> assertEquals(naive(a, b, idx[0], idx[1]), c.get(idx), TOL));
                });
    }

    @Test
    void stridedViewsThatGemmCannotReadAreCopied() {
        Rng rng = new Rng(5);
        // Every other column: neither row- nor column-major.
        Tensor a = rng.normal(0, 1, 4, 10).slice(1, 0, 10).permute(0, 1).reshape(4, 5, 2).select(2, 1);
        Tensor b = rng.normal(0, 1, 3, 5).transpose();
        Tensor c = a.matmul(b);
        TensorGens.forEachIndex(c.shape(), idx -> assertEquals(naive(a, b, idx[0], idx[1]), c.get(idx), TOL));
        Tensor bcast = Tensor.of(new double[] {1, 2, 3, 4, 5}, 5, 1).broadcastTo(5, 3);
        Tensor d = a.matmul(bcast);
        TensorGens.forEachIndex(d.shape(), idx -> assertEquals(naive(a, bcast, idx[0], idx[1]), d.get(idx), TOL));
    }

    @Test
    void batchedProductBroadcastsBatchAxes() {
        qt().withExamples(80).forAll(TensorGens.broadcastablePairs(), integers().between(1, 5), integers().between(0, 5),
                integers().between(1, 5)).checkAssert((batches, m, k, n) -> {
                    Rng rng = new Rng(m * 31L + k * 7L + n);
                    int[] sa = append(batches[0], m, k);
                    int[] sb = append(batches[1], k, n);
                    Tensor a = rng.normal(0, 1, sa);
                    Tensor b = maybeTransposedView(rng.normal(0, 1, sb), rng.nextInt(2) == 0);
                    Tensor c = a.matmul(b);
                    int[] batch = TensorGens.broadcastShape(batches[0], batches[1]);
                    assertArrayEquals(append(batch, m, n), c.shape());
                    TensorGens.forEachIndex(batch, bi -> {
                        Tensor a2 = at(a, TensorGens.broadcastIndex(batches[0], bi));
                        Tensor b2 = at(b, TensorGens.broadcastIndex(batches[1], bi));
                        Tensor c2 = at(c, bi);
                        TensorGens.forEachIndex(new int[] {m, n},
                                idx -> assertEquals(naive(a2, b2, idx[0], idx[1]), c2.get(idx), TOL));
                    });
                });
    }

    @Test
    void vectorsFollowNumPy() {
        Rng rng = new Rng(11);
        Tensor v = rng.normal(0, 1, 4);
        Tensor w = rng.normal(0, 1, 4);
        Tensor m = rng.normal(0, 1, 4, 3);
        Tensor batched = rng.normal(0, 1, 2, 3, 4);
        Tensor dot = v.matmul(w);
        assertEquals(0, dot.rank());
        assertEquals(v.dot(w), dot.item(), TOL);
        Tensor vm = v.matmul(m);
        assertArrayEquals(new int[] {3}, vm.shape());
        assertTrue(vm.allClose(v.unsqueeze(0).matmul(m).squeeze(0), 0, TOL));
        Tensor mv = batched.matmul(v);
        assertArrayEquals(new int[] {2, 3}, mv.shape());
        assertTrue(mv.allClose(batched.matmul(v.unsqueeze(1)).squeeze(-1), 0, TOL));
        TensorGens.forEachIndex(mv.shape(), idx -> {
            double s = 0;
            for (int p = 0; p < 4; p++) {
                s += batched.get(idx[0], idx[1], p) * v.get(p);
            }
            assertEquals(s, mv.get(idx), TOL);
        });
    }

    @Test
    void outerProductMatchesLoops() {
        Rng rng = new Rng(3);
        Tensor u = rng.normal(0, 1, 10).slice(0, 0, 10).reshape(5, 2).select(1, 0);
        Tensor v = rng.normal(0, 1, 3);
        Tensor o = u.outer(v);
        assertArrayEquals(new int[] {5, 3}, o.shape());
        TensorGens.forEachIndex(o.shape(), idx -> assertEquals(u.get(idx[0]) * v.get(idx[1]), o.get(idx), 0.0));
        assertThrows(IllegalArgumentException.class, () -> u.outer(Tensor.zeros(2, 2)));
    }

    @Test
    void shapeErrorsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().startsWith("matmul:") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)));
        assertTrue(e.getMessage().contains("[2, 2, 3]") && e.getMessage().contains("[3, 3, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).matmul(Tensor.zeros(1, 1)));
    }

    private static Tensor at(Tensor t, int[] batchIndex) {
        Tensor out = t;
        for (int i : batchIndex) {
            out = out.select(0, i);
        }
        return out;
    }

    private static int[] append(int[] head, int... tail) {
        int[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
