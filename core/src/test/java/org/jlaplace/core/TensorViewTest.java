package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Views agree with index-by-index oracles, share storage, and fall back to copies only when needed. */
class TensorViewTest {

    @Test
    void permuteMatchesIndexOracleAndSharesStorage() {
        qt().withExamples(100).forAll(TensorGens.nonScalarShapes(4, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.randomTensor(seed, shape);
            int[] axes = new Rng(seed).permutation(shape.length);
            Tensor p = x.permute(axes);
            int[] expectedShape = new int[shape.length];
            for (int i = 0; i < axes.length; i++) {
                expectedShape[i] = shape[axes[i]];
            }
            assertArrayEquals(expectedShape, p.shape());
            TensorGens.forEachIndex(p.shape(), idx -> {
                int[] src = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    src[axes[i]] = idx[i];
                }
                assertEquals(x.get(src), p.get(idx));
            });
            assertEquals(p, p.copy());
            assertTrue(p.copy().isContiguous());
            // Writing through the view is visible in the source: storage is shared.
            int[] zero = new int[shape.length];
            p.set(42.0, zero);
            assertEquals(42.0, x.get(zero));
        });
    }

    @Test
    void transposeSwapsLastTwoAxes() {
        Tensor x = TensorGens.randomTensor(3, 2, 3, 4);
        Tensor t = x.transpose();
        assertArrayEquals(new int[] {2, 4, 3}, t.shape());
        TensorGens.forEachIndex(t.shape(), idx -> assertEquals(x.get(idx[0], idx[2], idx[1]), t.get(idx)));
        assertFalse(t.isContiguous());
        assertEquals(x, t.transpose());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).transpose());
    }

    @Test
    void sliceAndSelectMatchOracleAndShareStorage() {
        qt().withExamples(100).forAll(TensorGens.nonScalarShapes(4, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Rng rng = new Rng(seed);
            Tensor x = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape));
            int axis = rng.nextInt(shape.length);
            int start = rng.nextInt(shape[axis]);
            int end = start + rng.nextInt(shape[axis] - start + 1);
            Tensor s = x.slice(axis, start, end);
            assertEquals(end - start, s.dim(axis));
            TensorGens.forEachIndex(s.shape(), idx -> {
                int[] src = idx.clone();
                src[axis] += start;
                assertEquals(x.get(src), s.get(idx));
            });
            int index = rng.nextInt(shape[axis]);
            Tensor sel = x.select(axis, index);
            assertEquals(shape.length - 1, sel.rank());
            TensorGens.forEachIndex(sel.shape(), idx -> {
                int[] src = new int[shape.length];
                for (int i = 0, j = 0; i < shape.length; i++) {
                    src[i] = i == axis ? index : idx[j++];
                }
                assertEquals(x.get(src), sel.get(idx));
            });
            assertEquals(x.select(axis, index), x.slice(axis, index, index + 1).squeeze(axis));
            if (s.size() > 0) {
                int[] zero = new int[shape.length];
                s.set(-7.0, zero);
                int[] src = zero.clone();
                src[axis] = start;
                assertEquals(-7.0, x.get(src));
            }
        });
    }

    @Test
    void negativeAxesAndBoundsCountFromTheEnd() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(x.slice(2, 1, 3), x.slice(-1, -3, -1));
        assertEquals(x.select(1, 2), x.select(-2, -1));
        assertEquals(4, x.dim(-1));
    }

    @Test
    void reshapeIsAViewWhenContiguousAndACopyOtherwise() {
        qt().withExamples(100).forAll(TensorGens.shapes(4, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.randomTensor(seed, shape);
            Tensor flat = x.reshape(-1);
            assertArrayEquals(new int[] {x.size()}, flat.shape());
            assertArrayEquals(x.toArray(), flat.toArray());
            assertSame(x.data(), flat.data());
            Tensor strided = TensorGens.stridedCopy(x);
            Tensor fromStrided = strided.reshape(x.size());
            assertArrayEquals(x.toArray(), fromStrided.toArray());
            assertEquals(x, fromStrided.reshape(shape));
        });
    }

    @Test
    void reshapeRejectsBadShapes() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> x.reshape(-2, -3));
        assertArrayEquals(new int[] {3, 2}, x.reshape(3, -1).shape());
    }

    @Test
    void broadcastToRepeatsWithoutCopying() {
        qt().withExamples(100).forAll(TensorGens.broadcastablePairs(), TensorGens.seeds()).checkAssert((pair, seed) -> {
            Tensor x = TensorGens.randomTensor(seed, pair[0]);
            int[] target = TensorGens.broadcastShape(pair[0], pair[1]);
            Tensor b = x.broadcastTo(target);
            assertArrayEquals(target, b.shape());
            TensorGens.forEachIndex(target, idx -> assertEquals(x.get(TensorGens.broadcastIndex(pair[0], idx)), b.get(idx)));
            if (x.size() > 0) {
                // A view: a write to the source shows through.
                x.set(99.0, new int[x.rank()]);
                assertEquals(99.0, b.get(new int[target.length]));
            }
        });
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).broadcastTo(2, 4));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).broadcastTo(3));
    }

    @Test
    void broadcastViewsRefuseInPlaceWrites() {
        Tensor b = Tensor.zeros(3).broadcastTo(2, 3);
        assertThrows(IllegalStateException.class, () -> b.fill(1.0));
        assertThrows(IllegalStateException.class, () -> b.addInPlace(Tensor.ones(2, 3)));
    }

    @Test
    void unsqueezeAndSqueezeAreInverse() {
        qt().withExamples(60).forAll(TensorGens.shapes(4, 4), integers().between(0, 4), TensorGens.seeds())
                .checkAssert((shape, rawAxis, seed) -> {
                    int axis = rawAxis % (shape.length + 1);
                    Tensor x = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape));
                    Tensor u = x.unsqueeze(axis);
                    assertEquals(shape.length + 1, u.rank());
                    assertEquals(1, u.dim(axis));
                    assertArrayEquals(x.toArray(), u.toArray());
                    assertEquals(x, u.squeeze(axis));
                    assertEquals(x.isContiguous(), u.isContiguous());
                });
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).squeeze(0));
        assertArrayEquals(new int[] {2, 3, 1}, Tensor.zeros(2, 3).unsqueeze(-1).shape());
    }

    @Test
    void dataIsAlwaysTheBackingArrayAndOnlyDenseTensorsHaveOne() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertTrue(x.isDense());
        assertSame(x, x.contiguous());
        assertNotSame(x, x.copy());
        assertSame(x.data(), x.reshape(3, 2).data());
        x.data()[4] = 40;
        assertEquals(40, x.get(1, 1), 0.0, "writes through data() show in the tensor");
        // A leading slice is contiguous but does not own the whole array: no data(), and
        // contiguous() copies it.
        Tensor head = x.slice(0, 0, 1);
        assertTrue(head.isContiguous());
        assertTrue(!head.isDense());
        assertThrows(IllegalStateException.class, head::data);
        assertArrayEquals(new double[] {0, 1, 2}, head.contiguous().data());
        assertNotSame(x.data(), head.contiguous().data());
        assertThrows(IllegalStateException.class, () -> x.transpose().data());
        assertArrayEquals(new double[] {0, 3, 1, 40, 2, 5}, x.transpose().contiguous().data());
    }

    @Test
    void invalidAxesAreReported() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sum(2, false));
        assertTrue(e.getMessage().contains("sum") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.permute(0, 0));
        assertThrows(IllegalArgumentException.class, () -> x.permute(1));
        assertThrows(IllegalArgumentException.class, () -> x.slice(0, 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> x.select(1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> x.get(0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(-3));
        assertTrue(neg.getMessage().contains("[-3]"), neg.getMessage());
        assertTrue(Arrays.equals(new int[] {2, 3}, x.shape()));
    }
}
