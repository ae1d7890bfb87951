package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The contiguous fast paths (dedicated unary loops, the branch-free mask and selection, scalar-left
 * binary loops, kernel-layer arithmetic, column sums over leading axes) against the generic path
 * or a naive per-element formula, on contiguous tensors, offset slices and strided views.
 */
class TensorFastPathTest {

    /** Three storages of the same values: contiguous at offset 0, an offset slice, reversed strides. */
    private static Tensor[] layouts(Tensor t) {
        Tensor padded = Tensor.concat(0, t.reshape(1, t.size()), Tensor.zeros(1, t.size()).add(7.0));
        Tensor offsetSlice = padded.slice(0, 0, 1).reshape(t.shape());
        Tensor shiftedSlice = Tensor.concat(0, Tensor.zeros(1, t.size()), t.reshape(1, t.size()))
                .select(0, 1).reshape(t.shape());
        return new Tensor[] {t, offsetSlice, shiftedSlice, TensorGens.stridedCopy(t)};
    }

    /** Every layout of {@code x} gives exactly {@code f} of each element (bitwise, NaN included). */
    private static void checkUnary(Tensor x, UnaryOperator<Tensor> op, DoubleUnaryOperator f, String name) {
        for (Tensor layout : layouts(x)) {
            Tensor y = op.apply(layout);
            assertArrayEquals(x.shape(), y.shape(), name);
            TensorGens.forEachIndex(x.shape(), idx -> {
                double v = layout.get(idx);
                assertEquals(f.applyAsDouble(v), y.get(idx), 0.0, () -> name + "(" + v + ") strides "
                        + java.util.Arrays.toString(layout.strides));
            });
        }
    }

    @Test
    void dedicatedUnaryLoopsEqualTheGenericMap() {
        qt().withExamples(60).forAll(TensorGens.shapes(3, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.randomTensor(seed, shape).mul(3);
            Tensor pos = x.abs().add(1e-3);
            checkUnary(x, Tensor::neg, v -> -v, "neg");
            checkUnary(x, Tensor::exp, Math::exp, "exp");
            checkUnary(pos, Tensor::log, Math::log, "log");
            checkUnary(pos, Tensor::log1p, Math::log1p, "log1p");
            checkUnary(x, Tensor::expm1, Math::expm1, "expm1");
            checkUnary(pos, Tensor::sqrt, Math::sqrt, "sqrt");
            checkUnary(x, Tensor::square, v -> v * v, "square");
            checkUnary(x, Tensor::reciprocal, v -> 1.0 / v, "reciprocal");
            checkUnary(x, Tensor::abs, Math::abs, "abs");
            checkUnary(x, Tensor::sign, Math::signum, "sign");
            checkUnary(x, Tensor::tanh, Math::tanh, "tanh");
            checkUnary(x, Tensor::relu, v -> Math.max(v, 0.0), "relu");
            checkUnary(x, Tensor::erf, Erf::erf, "erf");
            // The same operations through the lambda path must agree bitwise as well.
            checkUnary(x, t -> t.map(Math::tanh), Math::tanh, "map(tanh)");
        });
    }

    /** The textbook two-branch sigmoid, written independently of the fast loop. */
    private static double sigmoidOracle(double v) {
        return v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v));
    }

    @Test
    void sigmoidLoopMatchesTheTwoBranchFormula() {
        qt().withExamples(60).forAll(TensorGens.shapes(3, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.randomTensor(seed, shape).mul(20);
            for (Tensor layout : layouts(x)) {
                Tensor y = layout.sigmoid();
                TensorGens.forEachIndex(shape, idx -> {
                    double expected = sigmoidOracle(layout.get(idx));
                    assertEquals(expected, y.get(idx), 5e-16 * expected, () -> "sigmoid(" + layout.get(idx) + ")");
                });
            }
        });
        assertEquals(Double.NaN, Tensor.scalar(Double.NaN).sigmoid().item());
    }

    @Test
    void gtMaskMatchesComparisonIncludingTiesAndNaN() {
        qt().withExamples(80).forAll(TensorGens.shapes(3, 5), TensorGens.seeds(), doubles().between(-1, 1))
                .checkAssert((shape, seed, threshold) -> {
                    // Rounded values make ties with the threshold likely.
                    Tensor x = TensorGens.randomTensor(seed, shape).mul(2).map(Math::rint).mul(0.5);
                    double t = Math.rint(threshold * 2) / 2;
                    checkUnary(x, v -> v.gtMask(t), v -> v > t ? 1.0 : 0.0, "gtMask(" + t + ")");
                });
        Tensor special = Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0}, 5);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, special.gtMask(0.0).toArray());
        assertArrayEquals(new double[] {0, 1, 0, 1, 1}, special.gtMask(Double.NEGATIVE_INFINITY).toArray());
    }

    @Test
    void directWhereEqualsBroadcastOracleBitwise() {
        qt().withExamples(80).forAll(TensorGens.nonScalarShapes(3, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor a = TensorGens.randomTensor(seed, shape);
            Tensor cond = TensorGens.randomTensor(seed + 1, shape).gtMask(0.0);
            Tensor scalarB = Tensor.scalar(-0.0);
            Tensor fullB = TensorGens.randomTensor(seed + 2, shape);
            for (Tensor b : new Tensor[] {scalarB, fullB}) {
                for (Tensor condLayout : layouts(cond)) {
                    for (Tensor aLayout : layouts(a)) {
                        Tensor out = Tensor.where(condLayout, aLayout, b);
                        Tensor bb = b.broadcastTo(shape);
                        TensorGens.forEachIndex(shape, idx -> {
                            double expected = cond.get(idx) != 0 ? a.get(idx) : bb.get(idx);
                            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(out.get(idx)),
                                    () -> "where at " + java.util.Arrays.toString(idx));
                        });
                    }
                }
            }
            // Both branches swapped, with the scalar as the first operand.
            Tensor swapped = Tensor.where(cond, scalarB, a);
            TensorGens.forEachIndex(shape, idx -> assertEquals(cond.get(idx) != 0 ? -0.0 : a.get(idx), swapped.get(idx), 0.0));
        });
        Tensor nanAndSigns = Tensor.where(Tensor.of(new double[] {Double.NaN, 0, 1}, 3),
                Tensor.of(new double[] {1, 2, Double.NaN}, 3), Tensor.scalar(-0.0));
        assertEquals(1.0, nanAndSigns.get(0), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(nanAndSigns.get(1)));
        assertEquals(Double.NaN, nanAndSigns.get(2));
    }

    private static void checkScalarLeft(double c, Tensor x, DoubleBinaryOperator f, UnaryOperator<Tensor> op, String name) {
        for (Tensor layout : layouts(x)) {
            Tensor y = op.apply(layout);
            assertArrayEquals(x.shape(), y.shape(), name);
            TensorGens.forEachIndex(x.shape(), idx -> assertEquals(f.applyAsDouble(c, layout.get(idx)), y.get(idx), 0.0,
                    () -> name + " at " + java.util.Arrays.toString(idx)));
        }
    }

    @Test
    void scalarOnTheLeftMatchesTheFormula() {
        qt().withExamples(60).forAll(TensorGens.shapes(3, 5), TensorGens.seeds(), doubles().between(-3, 3))
                .checkAssert((shape, seed, c) -> {
                    Tensor x = TensorGens.randomTensor(seed, shape);
                    Tensor s = Tensor.scalar(c);
                    Tensor s2 = Tensor.full(c, 1, 1);
                    checkScalarLeft(c, x, (p, q) -> p - q, s::sub, "c − x");
                    checkScalarLeft(c, x, (p, q) -> p / q, s::div, "c / x");
                    checkScalarLeft(c, x, (p, q) -> p + q, s::add, "c + x");
                    checkScalarLeft(c, x, (p, q) -> p * q, s::mul, "c · x");
                    checkScalarLeft(c, x, Math::max, s::maximum, "max(c, x)");
                    checkScalarLeft(c, x, Math::pow, s::pow, "c ^ x");
                    if (shape.length >= 2) {
                        // A [1, 1] left operand broadcasts with stride 0 on both matrix axes.
                        checkScalarLeft(c, x, (p, q) -> p - q, s2::sub, "[[c]] − x");
                    }
                });
    }

    @Test
    void kernelArithmeticEqualsTheFormulaOnEveryLayout() {
        qt().withExamples(60).forAll(TensorGens.shapes(3, 6), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor a = TensorGens.randomTensor(seed, shape);
            Tensor b = TensorGens.randomTensor(seed + 1, shape);
            for (Tensor la : layouts(a)) {
                for (Tensor lb : layouts(b)) {
                    Tensor sum = la.add(lb);
                    Tensor diff = la.sub(lb);
                    Tensor prod = la.mul(lb);
                    TensorGens.forEachIndex(shape, idx -> {
                        assertEquals(a.get(idx) + b.get(idx), sum.get(idx), 0.0);
                        assertEquals(a.get(idx) - b.get(idx), diff.get(idx), 0.0);
                        assertEquals(a.get(idx) * b.get(idx), prod.get(idx), 0.0);
                    });
                }
            }
            for (Tensor la : layouts(a)) {
                Tensor scaled = la.copy().scaleInPlace(-1.5);
                Tensor accumulated = la.copy().addInPlace(b);
                TensorGens.forEachIndex(shape, idx -> {
                    assertEquals(a.get(idx) * -1.5, scaled.get(idx), 0.0);
                    assertEquals(a.get(idx) + b.get(idx), accumulated.get(idx), 0.0);
                });
            }
        });
    }

    @Test
    void columnSumsOverLeadingAxesMatchTheStridedPathAndANaiveLoop() {
        qt().withExamples(80).forAll(TensorGens.nonScalarShapes(4, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.randomTensor(seed, shape);
            for (int lead = 1; lead < shape.length; lead++) {
                int[] target = java.util.Arrays.copyOfRange(shape, lead, shape.length);
                int[] axes = new int[lead];
                for (int i = 0; i < lead; i++) {
                    axes[i] = i;
                }
                int cols = TensorGens.product(target);
                double[] naive = new double[cols];
                double[] flat = x.toArray();
                for (int r = 0; r < flat.length / cols; r++) {
                    for (int j = 0; j < cols; j++) {
                        naive[j] += flat[r * cols + j];
                    }
                }
                for (Tensor layout : layouts(x)) {
                    Tensor viaSumTo = layout.sumTo(target);
                    Tensor viaSum = layout.sum(axes, false);
                    assertArrayEquals(target, viaSumTo.shape());
                    assertArrayEquals(naive, viaSumTo.toArray(), 0.0);
                    assertArrayEquals(naive, viaSum.toArray(), 0.0);
                    assertArrayEquals(naive, layout.sum(axes, true).toArray(), 0.0);
                }
            }
        });
    }
}
