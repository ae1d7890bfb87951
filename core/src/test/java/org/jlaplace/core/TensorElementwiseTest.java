package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Unary operations against their scalar definitions, on contiguous and strided inputs. */
class TensorElementwiseTest {

    private static void check(Tensor x, UnaryOperator<Tensor> op, DoubleUnaryOperator f, double tol) {
        Tensor y = op.apply(x);
        assertArrayEquals(x.shape(), y.shape());
        TensorGens.forEachIndex(x.shape(), idx -> {
            double expected = f.applyAsDouble(x.get(idx));
            assertEquals(expected, y.get(idx), tol * Math.max(1, Math.abs(expected)), () -> "x = " + x.get(idx));
        });
    }

    @Test
    void unaryOpsMatchScalarDefinitions() {
        qt().withExamples(80).forAll(TensorGens.shapes(3, 5), TensorGens.seeds()).checkAssert((shape, seed) -> {
            Tensor x = TensorGens.stridedCopy(TensorGens.randomTensor(seed, shape).mul(3));
            Tensor pos = x.abs().add(1e-3);
            check(x, Tensor::neg, v -> -v, 0);
            check(x, Tensor::exp, Math::exp, 1e-15);
            check(pos, Tensor::log, Math::log, 1e-15);
            check(pos, Tensor::log1p, v -> Math.log(1 + v), 1e-14);
            check(x, Tensor::expm1, v -> Math.exp(v) - 1, 1e-12);
            check(pos, Tensor::sqrt, Math::sqrt, 0);
            check(x, Tensor::square, v -> v * v, 0);
            check(x, Tensor::abs, Math::abs, 0);
            check(x, Tensor::sign, v -> v > 0 ? 1 : v < 0 ? -1 : 0, 0);
            check(x, Tensor::tanh, v -> (Math.exp(2 * v) - 1) / (Math.exp(2 * v) + 1), 1e-14);
            check(x, Tensor::sigmoid, v -> 1 / (1 + Math.exp(-v)), 1e-15);
            check(x, Tensor::relu, v -> v > 0 ? v : 0, 0);
            check(x, t -> t.gtMask(0.5), v -> v > 0.5 ? 1 : 0, 0);
            check(x, t -> t.map(v -> v * v * v), v -> v * v * v, 0);
            check(pos, t -> t.pow(1.5), v -> Math.pow(v, 1.5), 0);
        });
    }

    @Test
    void sigmoidIsStableForLargeInputs() {
        Tensor s = Tensor.of(new double[] {-1000, -40, 0, 40, 1000}, 5).sigmoid();
        assertEquals(0.0, s.get(0), 0.0);
        assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), s.get(1), 1e-30);
        assertEquals(0.5, s.get(2), 0.0);
        assertEquals(1.0, s.get(4), 0.0);
        for (double v : s.toArray()) {
            assertTrue(Double.isFinite(v));
        }
    }

    /** {@code 2/√π ∫₀ˣ e^{−t²} dt} by composite Simpson's rule: an oracle independent of the series. */
    private static double erfBySimpson(double x) {
        int n = 2000;
        double h = x / n;
        double s = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }

    @Test
    void erfMatchesNumericalIntegration() {
        qt().withExamples(200).forAll(doubles().between(-7, 7)).checkAssert(x -> {
            double expected = erfBySimpson(x);
            double actual = Tensor.scalar(x).erf().item();
            assertEquals(expected, actual, 1e-13, () -> "erf(" + x + ")");
            assertEquals(-actual, Tensor.scalar(-x).erf().item(), 0.0);
        });
    }

    @Test
    void erfIsAccurateInTheTails() {
        // Near the switch between series and continued fraction both methods must agree with the
        // asymptotic complement 1 − erf(x) ≈ e^{−x²}/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)).
        for (double x : new double[] {2.99, 3.0, 3.01, 4.0, 5.0}) {
            double x2 = x * x;
            double series = 1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2) + 105 / (16 * x2 * x2 * x2 * x2);
            double complement = Math.exp(-x2) / (x * Math.sqrt(Math.PI)) * series;
            double erf = Tensor.scalar(x).erf().item();
            assertEquals(complement, 1 - erf, Math.max(2e-16, 2e-3 * complement), () -> "x = " + x);
        }
        assertEquals(1.0, Tensor.scalar(40).erf().item(), 0.0);
        assertEquals(0.0, Tensor.scalar(0).erf().item(), 0.0);
        assertTrue(Double.isNaN(Tensor.scalar(Double.NaN).erf().item()));
    }

    @Test
    void unaryOpsDoNotMutateTheirInput() {
        Tensor x = Tensor.of(new double[] {-1, 2, -3, 4}, 2, 2);
        double[] before = x.toArray();
        x.neg();
        x.relu();
        x.square();
        x.exp();
        x.add(1.0);
        x.mul(x);
        assertArrayEquals(before, x.toArray());
    }
}
