package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Composite functions (no rules of their own) against closed forms: activations and their
 * first and second derivatives, numerically extreme inputs, and the losses.
 */
class CompositeFunctionsTest {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private static double phi(double x) {
        return Math.exp(-0.5 * x * x) / SQRT_2PI;
    }

    private static double sigma(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * An oracle for erf independent of the core kernel: Simpson's rule for
     * {@code (2/√π) ∫₀ˣ e^{−t²} dt} with 2000 panels (error far below the test tolerance).
     */
    private static double erf(double x) {
        int n = 2000;
        double a = Math.abs(x);
        double h = a / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * Math.exp(-t * t);
        }
        double val = s * h / 3 * 2 / Math.sqrt(Math.PI);
        return x < 0 ? -val : val;
    }

    private static void checkDerivatives(Function<Var, Var> f, DoubleUnaryOperator value,
                                         DoubleUnaryOperator first, DoubleUnaryOperator second,
                                         double x0, String name) {
        Var x = Var.scalar(x0);
        double tol = 1e-9 * (1 + Math.abs(value.applyAsDouble(x0)));
        assertEquals(value.applyAsDouble(x0), f.apply(x).item(), tol, name + " value at " + x0);
        assertEquals(first.applyAsDouble(x0), AD.grad(f, x).item(), 1e-9, name + "' at " + x0);
        if (second != null) {
            assertEquals(second.applyAsDouble(x0), AD.grad(AD.grad(f)).apply(x).item(), 1e-9,
                name + "'' at " + x0);
        }
    }

    @Test
    void activationsMatchTheirClosedFormDerivatives() {
        double a = Var.SELU_ALPHA;
        double l = Var.SELU_SCALE;
        qt().withExamples(40).forAll(doubles().between(-6, 6)).checkAssert(x0 -> {
            if (Math.abs(x0) < 1e-6) {
                return; // the kinks of selu/leaky relu
            }
            checkDerivatives(Var::gelu, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))),
                x -> 0.5 * (1 + erf(x / Math.sqrt(2))) + x * phi(x),
                x -> 2 * phi(x) - x * x * phi(x), x0, "gelu");
            checkDerivatives(Var::silu, x -> x * sigma(x),
                x -> sigma(x) * (1 + x * (1 - sigma(x))),
                x -> sigma(x) * (1 - sigma(x)) * (2 + x * (1 - 2 * sigma(x))), x0, "silu");
            checkDerivatives(Var::softplus, x -> Math.log1p(Math.exp(x)), CompositeFunctionsTest::sigma,
                x -> sigma(x) * (1 - sigma(x)), x0, "softplus");
            checkDerivatives(Var::selu, x -> x > 0 ? l * x : l * a * Math.expm1(x),
                x -> x > 0 ? l : l * a * Math.exp(x), x -> x > 0 ? 0 : l * a * Math.exp(x), x0, "selu");
            checkDerivatives(v -> v.leakyRelu(0.1), x -> x > 0 ? x : 0.1 * x, x -> x > 0 ? 1 : 0.1, null, x0,
                "leakyRelu");
            checkDerivatives(Var::abs, Math::abs, Math::signum, null, x0, "abs");
        });
    }

    @Test
    void activationsStayFiniteAtExtremeInputs() {
        for (double x0 : new double[] {-1000, 1000}) {
            for (Function<Var, Var> f : java.util.List.<Function<Var, Var>>of(Var::softplus, Var::selu,
                Var::silu, Var::gelu, Var::sigmoid, Var::tanh)) {
                double v = f.apply(Var.scalar(x0)).item();
                double g = AD.grad(f, Var.scalar(x0)).item();
                assertTrue(Double.isFinite(v) && Double.isFinite(g), "value " + v + ", derivative " + g + " at " + x0);
            }
        }
        assertEquals(1000.0, Var.scalar(1000).softplus().item(), 1e-12);
        assertEquals(1.0, AD.grad(Var::softplus, Var.scalar(1000)).item(), 1e-12);
        assertEquals(Var.SELU_SCALE, AD.grad(Var::selu, Var.scalar(1000)).item(), 1e-12);
    }

    /** Naive stable log-sum-exp of one row. */
    private static double lse(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    @Test
    void crossEntropyIsStableAtHugeLogitsAndHasGradientSoftmaxMinusOneHot() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(5);
            int c = 2 + r.nextInt(4);
            double scale = r.nextBoolean() ? 1000.0 : 3.0;
            double[][] z = new double[n][c];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextInt(c);
                for (int k = 0; k < c; k++) {
                    z[i][k] = scale * (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
                }
            }
            Tensor logits = Tensor.fromRows(z);
            ValueAndGrad vg = AD.valueAndGrad(v -> LossFunctions.crossEntropy(v, labels), Var.of(logits));
            double expected = 0;
            double[][] grad = new double[n][c];
            for (int i = 0; i < n; i++) {
                double lz = lse(z[i]);
                expected += (lz - z[i][labels[i]]) / n;
                for (int k = 0; k < c; k++) {
                    grad[i][k] = (Math.exp(z[i][k] - lz) - (k == labels[i] ? 1 : 0)) / n;
                }
            }
            assertEquals(expected, vg.value().item(), 1e-12 * (1 + Math.abs(expected)));
            GradCheck.assertClose(Tensor.fromRows(grad), vg.grad().value(), 1e-12, "softmax − one-hot");
        });
    }

    @Test
    void softmaxAndLogSoftmaxAgreeWithTheTensorKernels() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = GradCheck.normal(r, 1 + r.nextInt(3), 1 + r.nextInt(4)).mul(50.0);
            int axis = r.nextInt(2);
            GradCheck.assertClose(x.logSoftmax(axis), Var.of(x).logSoftmax(axis).value(), 1e-12, "logSoftmax");
            GradCheck.assertClose(x.softmax(axis), Var.of(x).softmax(axis).value(), 1e-12, "softmax");
            GradCheck.assertClose(x.logsumexp(axis, false), Var.of(x).logsumexp(axis, false).value(), 1e-12, "lse");
            // ∇ Σ logsumexp = softmax
            GradCheck.assertClose(x.softmax(axis), AD.grad(v -> v.logsumexp(axis, false).sum(), x), 1e-12,
                "grad logsumexp");
        });
    }

    @Test
    void regressionLossesMatchNaiveFormulasAndGradients() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(6);
            Tensor mu = GradCheck.normal(r, n, 2);
            Tensor t = GradCheck.normal(r, n, 2);
            double var = 0.2 + r.nextDouble();
            double[] m = mu.toArray();
            double[] y = t.toArray();
            double mse = 0;
            double nll = 0;
            double[] dmse = new double[m.length];
            double dnllVar = 0;
            for (int i = 0; i < m.length; i++) {
                double d = m[i] - y[i];
                mse += d * d / m.length;
                dmse[i] = 2 * d / m.length;
                nll += 0.5 * (Math.log(2 * Math.PI) + Math.log(var) + d * d / var) / m.length;
                dnllVar += 0.5 * (1 / var - d * d / (var * var)) / m.length;
            }
            ValueAndGrad g = AD.valueAndGrad(v -> LossFunctions.mse(v, Var.of(t)), Var.of(mu));
            assertEquals(mse, g.value().item(), 1e-12);
            GradCheck.assertClose(Tensor.of(dmse, n, 2), g.grad().value(), 1e-12, "d mse");
            ValueAndGrad h = AD.valueAndGrad(v -> LossFunctions.gaussianNll(Var.of(mu), Var.of(t), v),
                Var.scalar(var));
            assertEquals(nll, h.value().item(), 1e-12);
            assertEquals(dnllVar, h.grad().item(), 1e-12);
        });
    }

    @Test
    void lossesRejectMismatchedInputs() {
        Var logits = Var.of(Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LossFunctions.crossEntropy(logits, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label[1] = 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LossFunctions.crossEntropy(logits, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
            () -> LossFunctions.mse(logits, Var.of(Tensor.zeros(3, 2))));
    }
}
