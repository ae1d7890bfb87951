package org.jlaplace.laplace.bound;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.laplace.internal.DenseOps;
import org.jlaplace.laplace.internal.SpdFactor;

/**
 * {@code log det(I + G)} and its hyper-gradients for a function-space matrix
 * {@code G = s·Σ_k W_k/δ_k} built from unit-weighted kernels {@code W_k = Ā⁰ᵀ J_k J_kᵀ Ā⁰}
 * (one per prior hyperparameter), or {@code G = s·B diag(1/δ) Bᵀ} from a weighted Jacobian
 * {@code B = Ā⁰ᵀ J} (diagonal prior). By {@code d log det X = tr(X⁻¹ dX)} with
 * {@code X = L Lᵀ = I + G} (MATHEMATICS.md §6):
 * <ul>
 *   <li>{@code ∂/∂ log δ_k = −(s/δ_k)·tr(X⁻¹ W_k)}; for one kernel this is
 *       {@code −tr(X⁻¹ G) = ‖L⁻¹‖²_F − n}, which needs only {@code L⁻¹};</li>
 *   <li>{@code ∂/∂ log δ_p = −(s/δ_p)·‖L⁻¹ b_p‖²} for a diagonal prior ({@code b_p} column
 *       {@code p} of {@code B});</li>
 *   <li>{@code ∂/∂ log σ = (∂ log s/∂ log σ)·tr(X⁻¹ G) = (∂ log s/∂ log σ)·(n − ‖L⁻¹‖²_F)}.</li>
 * </ul>
 * Several kernels need {@code tr(X⁻¹ W_k)} for each {@code k}. Both matrices are symmetric, so
 * {@code tr(X⁻¹ W_k) = Σ_i [X⁻¹]_ii W_k,ii + 2 Σ_{i>j} [X⁻¹]_ij W_k,ij} reads only lower triangles,
 * and the lower triangle of {@code X⁻¹} is formed in the factor's storage by
 * {@link SpdFactor#lowerOfInverseDiscardingFactor()}: {@code L⁻¹} ({@code n³/3} flops) and then
 * {@code L⁻ᵀL⁻¹} exploiting that {@code L⁻¹} is triangular ({@code n³/3} flops). Against the
 * one-kernel path ({@code n³/3} Cholesky + {@code n³/3} inverse) this adds one {@code n³/3} and
 * {@code k} lower-triangle dot products of {@code n²/2} each; per-kernel solves
 * {@code ‖L⁻¹ F_k‖²_F} with a factor {@code W_k = F_k F_kᵀ} would cost {@code n²·P_k} each,
 * more than {@code n³/3} as soon as the group has more than {@code n/3} parameters.
 */
public final class KernelLogDet {
    private KernelLogDet() {
    }

    /**
     * @param kernels     the unit-weighted kernels {@code W_k}, each {@code n×n} (not modified; only
     *                    their lower triangles, diagonal included, are read)
     * @param n           their size
     * @param scale       the likelihood factor scale {@code s}
     * @param dLogScale   {@code ∂ log s/∂ log σ}
     * @param precisions  {@code δ_k}, one per kernel
     * @param what        names the matrix in errors
     */
    public static LogDetTerm ofKernels(double[][] kernels, int n, double scale, double dLogScale,
                                       double[] precisions, String what) {
        if (n == 0) {
            return LogDetTerm.zero(precisions.length);
        }
        double[] x = identityPlusLower(kernels, n, scale, precisions);
        SpdFactor chol = SpdFactor.ofInPlace(x, n, what + ": I + G");
        double logDet = chol.logDet();
        double[] grad = new double[precisions.length];
        if (kernels.length == 1) {
            // Only the trace is needed: invert L in place, no copy and no X⁻¹.
            double traceInvGram = n - chol.traceOfInverseDiscardingFactor(); // tr(X⁻¹ G) = n − tr(X⁻¹)
            grad[0] = -traceInvGram;
            return new LogDetTerm(logDet, grad, dLogScale * traceInvGram);
        }
        double[] xInv = chol.lowerOfInverseDiscardingFactor();
        double traceInv = 0.0;
        for (int i = 0; i < n; i++) {
            traceInv += xInv[i * n + i];
        }
        double[] dots = symmetricDotsFromLower(xInv, kernels, n);
        for (int k = 0; k < kernels.length; k++) {
            grad[k] = -(scale / precisions[k]) * dots[k];
        }
        return new LogDetTerm(logDet, grad, dLogScale * (n - traceInv));
    }

    /**
     * {@code Σ_ij X_ij Y_k,ij} for a symmetric {@code n×n} {@code X} and each symmetric
     * {@code Y_k}, reading lower triangles only: {@code Σ_i X_ii Y_ii + 2 Σ_{i>j} X_ij Y_ij}. Row
     * by row over every {@code Y_k}, so each row of {@code X} is read from memory once.
     */
    static double[] symmetricDotsFromLower(double[] x, double[][] ys, int n) {
        VectorKernels kernels = KernelProvider.get();
        double[] off = new double[ys.length];
        double[] diag = new double[ys.length];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int k = 0; k < ys.length; k++) {
                off[k] += kernels.dot(x, ri, ys[k], ri, i);
                diag[k] += x[ri + i] * ys[k][ri + i];
            }
        }
        double[] out = new double[ys.length];
        for (int k = 0; k < ys.length; k++) {
            out[k] = diag[k] + 2.0 * off[k];
        }
        return out;
    }

    /**
     * The lower triangle (diagonal included) of {@code I + s·Σ_k W_k/δ_k}, zero above: all that
     * the Cholesky factorisation reads.
     */
    static double[] identityPlusLower(double[][] kernels, int n, double scale, double[] precisions) {
        double[] x = new double[n * n];
        double[] w = new double[kernels.length];
        for (int k = 0; k < kernels.length; k++) {
            w[k] = scale / precisions[k];
        }
        // Row by row, every kernel: the row of x stays in cache while the kernels stream past.
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int k = 0; k < kernels.length; k++) {
                double wk = w[k];
                double[] kernel = kernels[k];
                for (int j = 0; j <= i; j++) {
                    x[ri + j] += wk * kernel[ri + j];
                }
            }
            x[ri + i] += 1.0;
        }
        return x;
    }

    /**
     * The diagonal-prior form: {@code G = s·B diag(1/δ) Bᵀ} with {@code B} {@code n×P}.
     */
    public static LogDetTerm ofWeightedJacobian(double[] b, int n, int p, double scale, double dLogScale,
                                                double[] precisions, String what) {
        if (n == 0) {
            return LogDetTerm.zero(precisions.length);
        }
        double[] scaled = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                scaled[i * p + j] = b[i * p + j] * Math.sqrt(scale / precisions[j]);
            }
        }
        double[] x = DenseOps.rowGram(scaled, n, p, 0, p);
        for (int i = 0; i < n; i++) {
            x[i * n + i] += 1.0;
        }
        SpdFactor chol = SpdFactor.ofInPlace(x, n, what + ": I + G");
        double[] y = chol.solveLower(scaled, p); // columns L⁻¹ (√(s/δ_p) b_p)
        double[] grad = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                grad[j] -= y[i * p + j] * y[i * p + j];
            }
        }
        double traceInvGram = n - chol.traceOfInverse();
        return new LogDetTerm(chol.logDet(), grad, dLogScale * traceInvGram);
    }
}
