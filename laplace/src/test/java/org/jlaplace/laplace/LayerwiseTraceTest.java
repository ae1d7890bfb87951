package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.KernelLogDet;
import org.jlaplace.laplace.bound.LogDetTerm;
import org.jlaplace.laplace.internal.DenseOps;
import org.jlaplace.laplace.internal.SpdFactor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Several kernels (layerwise prior): the per-kernel traces {@code tr(X⁻¹ W_k)} from the lower
 * triangle of {@code X⁻¹} formed in place agree with the former path, the dense
 * {@code X⁻¹ = L⁻ᵀL⁻¹} and full Frobenius products, on sizes that exercise the recursive blocks.
 */
class LayerwiseTraceTest {

    /** The former path: dense {@code X⁻¹} by SYRK of {@code L⁻¹}, full Frobenius products. */
    private static LogDetTerm denseInversePath(double[][] kernels, int n, double scale, double dLogScale,
                                               double[] precisions) {
        double[] x = DenseOps.identity(n);
        for (int k = 0; k < kernels.length; k++) {
            DenseOps.axpy(scale / precisions[k], kernels[k], x);
        }
        SpdFactor chol = SpdFactor.of(x, n, "oracle");
        double traceInvGram = n - chol.traceOfInverse();
        double[] xInv = chol.inverse();
        double[] grad = new double[kernels.length];
        for (int k = 0; k < kernels.length; k++) {
            grad[k] = -(scale / precisions[k]) * DenseOps.frobeniusDot(xInv, kernels[k]);
        }
        return new LogDetTerm(chol.logDet(), grad, dLogScale * traceInvGram);
    }

    /** A random PSD kernel {@code F Fᵀ} with {@code F} {@code n×rank}. */
    private static double[] kernel(Random rng, int n, int rank) {
        double[] f = new double[n * rank];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextGaussian();
        }
        return DenseOps.rowGram(f, n, rank, 0, rank);
    }

    @Test
    void matchesTheDenseInversePath() {
        qt().withExamples(25).forAll(integers().between(1, 180), integers().between(2, 6), longs().all())
                .checkAssert((n, kernels, seed) -> {
                    Random rng = new Random(seed);
                    double[][] w = new double[kernels][];
                    double[] precisions = new double[kernels];
                    for (int k = 0; k < kernels; k++) {
                        w[k] = kernel(rng, n, 1 + rng.nextInt(2 * n));
                        precisions[k] = Math.exp(rng.nextDouble() * 4 - 2);
                    }
                    double scale = Math.exp(rng.nextDouble() - 0.5);
                    LogDetTerm fresh = KernelLogDet.ofKernels(w, n, scale, -2.0, precisions, "test");
                    LogDetTerm old = denseInversePath(w, n, scale, -2.0, precisions);
                    assertEquals(old.value(), fresh.value(), 1e-10 * (1 + Math.abs(old.value())), "n=" + n);
                    for (int k = 0; k < kernels; k++) {
                        double g = old.gradLogPrecision()[k];
                        assertEquals(g, fresh.gradLogPrecision()[k], 1e-10 * (1 + Math.abs(g)), "n=" + n + " k=" + k);
                    }
                    assertEquals(old.gradLogSigma(), fresh.gradLogSigma(), 1e-10 * (1 + Math.abs(old.gradLogSigma())));
                });
    }

    /** The gradients still sum to the one-kernel trace: {@code Σ_k ∂/∂log δ_k = −tr(X⁻¹ G)}. */
    @Test
    void gradientsSumToTheScalarGradient() {
        Random rng = new Random(9);
        int n = 140;
        double[][] w = {kernel(rng, n, 30), kernel(rng, n, 200), kernel(rng, n, 5)};
        double[] precisions = {1.0, 1.0, 1.0};
        LogDetTerm layerwise = KernelLogDet.ofKernels(w, n, 1.0, 0.0, precisions, "test");
        double[] sum = w[0].clone();
        DenseOps.axpy(1.0, w[1], sum);
        DenseOps.axpy(1.0, w[2], sum);
        LogDetTerm scalar = KernelLogDet.ofKernels(new double[][] {sum}, n, 1.0, 0.0, new double[] {1.0}, "test");
        double total = layerwise.gradLogPrecision()[0] + layerwise.gradLogPrecision()[1]
                + layerwise.gradLogPrecision()[2];
        assertEquals(scalar.gradLogPrecision()[0], total, 1e-9 * Math.abs(total));
        assertEquals(scalar.value(), layerwise.value(), 1e-10 * Math.abs(scalar.value()));
    }
}
