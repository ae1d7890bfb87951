package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** Factories, facts, in-place updates, joining, indexing, comparison and printing. */
class TensorBasicsTest {

    @Test
    void factoriesFillAsDocumented() {
        double[] raw = {1, 2, 3, 4, 5, 6};
        Tensor wrapped = Tensor.of(raw, 2, 3);
        assertSame(raw, wrapped.data());
        assertEquals(6.0, wrapped.get(1, 2));
        Tensor copied = Tensor.copyOf(raw, 3, 2);
        raw[0] = 100;
        assertEquals(100.0, wrapped.get(0, 0));
        assertEquals(1.0, copied.get(0, 0));
        assertEquals(0, Tensor.scalar(2.5).rank());
        assertEquals(2.5, Tensor.scalar(2.5).item());
        assertEquals(0.0, Tensor.zeros(2, 2).norm2());
        assertEquals(6.0, Tensor.ones(2, 3).sum());
        assertEquals(-14.0, Tensor.full(-7, 2).sum());
        Tensor eye = Tensor.eye(3);
        TensorGens.forEachIndex(eye.shape(), idx -> assertEquals(idx[0] == idx[1] ? 1.0 : 0.0, eye.get(idx)));
        assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.arange(4).toArray());
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        Tensor m = Tensor.fromRows(rows);
        assertArrayEquals(new int[] {3, 2}, m.shape());
        assertArrayEquals(rows, m.toRows());
        assertArrayEquals(new double[][] {{1, 3, 5}, {2, 4, 6}}, m.transpose().toRows());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromRows(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.eye(-1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).item());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).toRows());
    }

    @Test
    void shapeIsDefensivelyCopied() {
        int[] shape = {2, 3};
        Tensor t = Tensor.zeros(shape);
        shape[0] = 5;
        assertEquals(2, t.dim(0));
        t.shape()[1] = 9;
        assertEquals(3, t.dim(1));
    }

    @Test
    void inPlaceUpdatesWriteThroughViews() {
        Tensor x = Tensor.zeros(3, 4);
        Tensor column = x.select(1, 2);
        column.fill(5.0);
        assertEquals(15.0, x.sum());
        x.transpose().addInPlace(Tensor.arange(3));
        TensorGens.forEachIndex(x.shape(), idx -> assertEquals((idx[1] == 2 ? 5.0 : 0.0) + idx[0], x.get(idx)));
        x.scaleInPlace(2.0);
        assertEquals(2 * (15.0 + 4 * 3.0), x.sum());
        x.set(-1.0, 0, 0);
        assertEquals(-1.0, x.get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> x.addInPlace(Tensor.zeros(4, 3)));
    }

    @Test
    void addInPlaceMatchesAdd() {
        qt().withExamples(60).forAll(TensorGens.broadcastablePairs(), TensorGens.seeds()).checkAssert((pair, seed) -> {
            int[] big = TensorGens.broadcastShape(pair[0], pair[1]);
            Tensor target = TensorGens.stridedCopy(TensorGens.randomTensor(seed, big));
            Tensor other = TensorGens.randomTensor(seed + 1, pair[1]);
            Tensor expected = target.add(other);
            target.addInPlace(other);
            assertEquals(expected, target);
        });
    }

    @Test
    void concatAndStackMatchSlices() {
        qt().withExamples(60).forAll(TensorGens.nonScalarShapes(3, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Rng rng = new Rng(seed);
            int axis = rng.nextInt(shape.length);
            int[] other = shape.clone();
            other[axis] = rng.nextInt(3);
            Tensor a = TensorGens.stridedCopy(rng.normal(0, 1, shape));
            Tensor b = rng.normal(0, 1, other);
            Tensor c = Tensor.concat(axis, a, b);
            assertEquals(a, c.slice(axis, 0, shape[axis]));
            assertEquals(b, c.slice(axis, shape[axis], shape[axis] + other[axis]));
            Tensor a2 = rng.normal(0, 1, shape);
            Tensor s = Tensor.stack(axis, a, a2);
            assertEquals(a, s.select(axis, 0));
            assertEquals(a2, s.select(axis, 1));
            assertEquals(2, s.dim(axis));
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, Tensor.zeros(2), Tensor.zeros(3)));
        assertArrayEquals(new int[] {3, 2}, Tensor.stack(-1, Tensor.zeros(3), Tensor.zeros(3)).shape());
    }

    @Test
    void indexSelectGathersAlongAnyAxis() {
        qt().withExamples(60).forAll(TensorGens.nonScalarShapes(3, 4), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Rng rng = new Rng(seed);
            int axis = rng.nextInt(shape.length);
            int[] idx = new int[rng.nextInt(6)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(shape[axis]);
            }
            Tensor x = rng.nextInt(2) == 0 ? rng.normal(0, 1, shape) : TensorGens.stridedCopy(rng.normal(0, 1, shape));
            Tensor g = x.indexSelect(axis, idx);
            assertEquals(idx.length, g.dim(axis));
            for (int i = 0; i < idx.length; i++) {
                assertEquals(x.select(axis, idx[i]), g.select(axis, i));
            }
        });
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(3, 2).indexSelect(0, new int[] {3}));
    }

    @Test
    void oneHotPlacesOnes() {
        Tensor h = Tensor.oneHot(new int[] {2, 0, 1, 2}, 3);
        assertArrayEquals(new int[] {4, 3}, h.shape());
        assertArrayEquals(new int[] {2, 0, 1, 2}, h.argmax(1));
        assertEquals(4.0, h.sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(new int[] {0}, 0));
    }

    @Test
    void comparisonsAndEquality() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor b = Tensor.of(new double[] {1, 2, 3 + 1e-9}, 3);
        assertTrue(a.allClose(b, 0, 1e-8));
        assertFalse(a.allClose(b, 0, 1e-10));
        assertTrue(a.allClose(b, 1e-8, 0));
        assertEquals(1e-9, a.maxAbsDiff(b), 1e-15);
        assertFalse(Tensor.of(new double[] {Double.NaN}, 1).allClose(Tensor.of(new double[] {Double.NaN}, 1), 1, 1));
        assertTrue(Tensor.full(Double.POSITIVE_INFINITY, 2).allClose(Tensor.full(Double.POSITIVE_INFINITY, 2), 0, 0));
        assertNotEquals(a, b);
        assertEquals(a, a.reshape(3, 1).reshape(3));
        assertNotEquals(a, a.reshape(3, 1));
        assertEquals(a.hashCode(), a.copy().hashCode());
        assertThrows(IllegalArgumentException.class, () -> a.maxAbsDiff(Tensor.zeros(2)));
    }

    @Test
    void toStringShowsShapeAndNestedValues() {
        assertEquals("Tensor[2, 2] [[1.0, 2.0], [3.0, 4.0]]", Tensor.fromRows(new double[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("Tensor[] 5.0", Tensor.scalar(5).toString());
        String big = Tensor.zeros(2000).toString();
        assertTrue(big.startsWith("Tensor[2000] (first 1000 of 2000)"), big);
    }
}
