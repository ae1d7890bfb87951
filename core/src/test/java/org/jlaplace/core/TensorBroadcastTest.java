package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** Broadcasting binary operations against an index-by-index oracle. */
class TensorBroadcastTest {

    /** Checks {@code op(a, b)} element by element against {@code f} applied at the broadcast indices. */
    private static void checkAgainstOracle(Tensor a, Tensor b, BiFunction<Tensor, Tensor, Tensor> op, DoubleBinaryOperator f) {
        Tensor out = op.apply(a, b);
        int[] expectedShape = TensorGens.broadcastShape(a.shape(), b.shape());
        assertArrayEquals(expectedShape, out.shape());
        TensorGens.forEachIndex(expectedShape, idx -> {
            double x = a.get(TensorGens.broadcastIndex(a.shape(), idx));
            double y = b.get(TensorGens.broadcastIndex(b.shape(), idx));
            double expected = f.applyAsDouble(x, y);
            assertEquals(expected, out.get(idx), 0.0, () -> "at " + java.util.Arrays.toString(idx));
        });
    }

    private static void checkAllOps(Tensor a, Tensor b) {
        checkAgainstOracle(a, b, Tensor::add, (x, y) -> x + y);
        checkAgainstOracle(a, b, Tensor::sub, (x, y) -> x - y);
        checkAgainstOracle(a, b, Tensor::mul, (x, y) -> x * y);
        checkAgainstOracle(a, b, Tensor::div, (x, y) -> x / y);
        checkAgainstOracle(a, b, Tensor::maximum, Math::max);
        checkAgainstOracle(a, b, Tensor::minimum, Math::min);
        checkAgainstOracle(a.abs(), b, Tensor::pow, Math::pow);
        checkAgainstOracle(a, b, (p, q) -> p.zip(q, (x, y) -> x * x - y), (x, y) -> x * x - y);
    }

    @Test
    void binaryOpsMatchOracleOnBroadcastableShapes() {
        qt().withExamples(150).forAll(TensorGens.broadcastablePairs(), TensorGens.seeds()).checkAssert((pair, seed) -> {
            Tensor a = TensorGens.randomTensor(seed, pair[0]);
            Tensor b = TensorGens.randomTensor(seed + 1, pair[1]);
            checkAllOps(a, b);
            checkAllOps(b, a);
        });
    }

    @Test
    void binaryOpsMatchOracleOnStridedOperands() {
        qt().withExamples(100).forAll(TensorGens.broadcastablePairs(), TensorGens.seeds()).checkAssert((pair, seed) -> {
            Tensor a = TensorGens.stridedCopy(TensorGens.randomTensor(seed, pair[0]));
            Tensor b = TensorGens.stridedCopy(TensorGens.randomTensor(seed + 1, pair[1]));
            checkAllOps(a, b);
        });
    }

    @Test
    void sameShapeFastPathMatchesOracle() {
        qt().withExamples(100).forAll(TensorGens.shapes(4, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor a = TensorGens.randomTensor(seed, shape);
            Tensor b = TensorGens.randomTensor(seed + 7, shape);
            checkAllOps(a, b);
            // A contiguous operand with a non-zero offset takes the fast path too.
            if (shape.length > 0 && shape[0] > 1) {
                Tensor tail = a.slice(0, 1, shape[0]);
                checkAllOps(tail, b.slice(0, 0, shape[0] - 1));
            }
        });
    }

    @Test
    void scalarOverloadsMatchTensorVersions() {
        qt().withExamples(60).forAll(TensorGens.shapes(3, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor a = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape));
            double v = new Rng(seed).nextGaussian();
            Tensor s = Tensor.scalar(v);
            assertEquals(a.add(s), a.add(v));
            assertEquals(a.sub(s), a.sub(v));
            assertEquals(a.mul(s), a.mul(v));
            assertEquals(a.div(s), a.div(v));
            assertEquals(a.maximum(s), a.maximum(v));
            assertEquals(a.minimum(s), a.minimum(v));
            assertEquals(a.abs().pow(s), a.abs().pow(v));
            assertTrue(a.pow(2.0).allClose(a.mul(a), 0, 0));
        });
    }

    @Test
    void whereMatchesOracleOnBroadcastableShapes() {
        qt().withExamples(80).forAll(TensorGens.broadcastablePairs(), TensorGens.seeds()).checkAssert((pair, seed) -> {
            Tensor cond = TensorGens.randomTensor(seed, pair[0]).gtMask(0);
            Tensor a = TensorGens.stridedCopy(TensorGens.randomTensor(seed + 1, pair[1]));
            Tensor b = TensorGens.randomTensor(seed + 2, pair[0]);
            Tensor out = Tensor.where(cond, a, b);
            int[] shape = TensorGens.broadcastShape(pair[0], pair[1]);
            assertArrayEquals(shape, out.shape());
            TensorGens.forEachIndex(shape, idx -> {
                boolean c = cond.get(TensorGens.broadcastIndex(pair[0], idx)) != 0;
                double expected = c ? a.get(TensorGens.broadcastIndex(pair[1], idx)) : b.get(TensorGens.broadcastIndex(pair[0], idx));
                assertEquals(expected, out.get(idx), 0.0);
            });
        });
    }

    @Test
    void whereSelectsWithBroadcasting() {
        Tensor cond = Tensor.of(new double[] {1, 0, 1}, 3);
        Tensor a = Tensor.of(new double[] {10, 20}, 2, 1);
        Tensor b = Tensor.scalar(-1);
        Tensor out = Tensor.where(cond, a, b);
        assertArrayEquals(new int[] {2, 3}, out.shape());
        TensorGens.forEachIndex(out.shape(), idx -> {
            double expected = cond.get(idx[1]) != 0 ? a.get(idx[0], 0) : -1;
            assertEquals(expected, out.get(idx));
        });
    }

    @Test
    void mismatchedShapesNameOperationAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertEquals("add: shapes [2, 3] and [4] do not broadcast", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.mul(Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().startsWith("mul:") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 3]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.zip(Tensor.zeros(2, 2), Double::sum));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
