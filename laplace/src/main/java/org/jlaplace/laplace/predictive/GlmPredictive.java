package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.internal.DenseOps;
import org.jlaplace.laplace.internal.SpdFactor;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The GLM (linearised) predictive of the Laplace posterior (MATHEMATICS.md §8):
 * {@code Σ*_n = J*_n (P0 + H)⁻¹ J*_nᵀ} in parameter space, or in function space
 * {@code Σ*_n = K*_n* − K*_nX Ā (I + G)⁻¹ Āᵀ K_X*n} with {@code K = J P0⁻¹ Jᵀ}, computed as
 * {@code J*_n P0⁻¹ J*_nᵀ − VᵀV}, {@code V = L⁻¹ B P0⁻¹ J*_nᵀ}, {@code B = Āᵀ J}, {@code I + G = L Lᵀ};
 * parameter space as {@code WᵀW}, {@code W = L⁻¹ J*_nᵀ}, {@code P0 + H = L Lᵀ}. The smaller
 * matrix is factored once when {@link #fit} runs. This is the {@link PosteriorStructure#FULL}
 * posterior; it needs a {@code P×P} or {@code NC×NC} matrix, so large networks use
 * {@link DiagonalGlmPredictive} or {@link KronGlmPredictive} through
 * {@link PredictivePosterior#fit}.
 */
public final class GlmPredictive implements PredictivePosterior {

    /** Which space to factor in. */
    public enum Form { AUTOMATIC, PARAMETRIC, FUNCTION_SPACE }

    private final SpdFactor factor;
    private final boolean functionSpace;
    private final double[] priorVariance;
    private final double[] weightedJacobian;
    private final int p;
    private final int c;

    private GlmPredictive(SpdFactor factor, boolean functionSpace, double[] priorVariance, double[] weightedJacobian,
                          int p, int c) {
        this.factor = factor;
        this.functionSpace = functionSpace;
        this.priorVariance = priorVariance;
        this.weightedJacobian = weightedJacobian;
        this.p = p;
        this.c = c;
    }

    /** Factors the posterior of the model on all its training data. */
    public static GlmPredictive fit(LinearizedModel train, Likelihood likelihood, Prior prior, Form form) {
        int n = train.dataSize();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        JacobianBatch batch = train.batch(all);
        int p = train.groups().totalSize();
        int c = train.outputs();
        double[] delta = prior.precisionPerParameter(train.groups());
        double[] variance = new double[p];
        for (int i = 0; i < p; i++) {
            variance[i] = 1.0 / delta[i];
        }
        double[] factor = likelihood.hessianFactor(batch.predictions(), n);
        int rows = n * c;
        boolean fs = switch (form) {
            case FUNCTION_SPACE -> true;
            case PARAMETRIC -> false;
            case AUTOMATIC -> rows <= p;
        };
        if (fs) {
            double[] b = batch.weightedJacobian(factor, c);
            double[] scaled = b.clone();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < p; j++) {
                    scaled[i * p + j] *= Math.sqrt(variance[j]);
                }
            }
            double[] x = DenseOps.rowGram(scaled, rows, p, 0, p);
            for (int i = 0; i < rows; i++) {
                x[i * rows + i] += 1.0;
            }
            return new GlmPredictive(SpdFactor.ofInPlace(x, rows, "GLM predictive: I + G"), true, variance, b, p, c);
        }
        double[] x = batch.weightedGgn(factor, c);
        for (int i = 0; i < p; i++) {
            x[i * p + i] += delta[i];
        }
        return new GlmPredictive(SpdFactor.ofInPlace(x, p, "GLM predictive: P0 + H"), false, variance, null, p, c);
    }

    @Override
    public PosteriorStructure structure() {
        return PosteriorStructure.FULL;
    }

    /** Whether the function-space form was chosen. */
    public boolean functionSpace() {
        return functionSpace;
    }

    /** The predictive at the test batch's inputs. */
    @Override
    public PredictiveDistribution predict(JacobianBatch test) {
        int m = test.size();
        PredictivePosterior.checkTestBatch("GLM predictive", test, c, p);
        double[] eye = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                eye[n * c * c + k * c + k] = 1.0;
            }
        }
        double[] jStar = test.weightedJacobian(eye, c); // (M·C)×P, row n·C + k = ∂f_k(x*_n)/∂θ
        double[] cov = new double[m * c * c];
        double[] jt = new double[p * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                for (int q = 0; q < p; q++) {
                    jt[q * c + k] = jStar[(n * c + k) * p + q];
                }
            }
            double[] sigma = functionSpace ? functionSpaceCovariance(jt) : parametricCovariance(jt);
            System.arraycopy(sigma, 0, cov, n * c * c, c * c);
        }
        return new PredictiveDistribution(test.predictions(), cov, m, c);
    }

    /** {@code WᵀW}, {@code W = L⁻¹ J*ᵀ} ({@code P×C}). */
    private double[] parametricCovariance(double[] jt) {
        double[] w = factor.solveLower(jt, c);
        return DenseOps.columnGram(w, p, c, 0, c);
    }

    /** {@code J* P0⁻¹ J*ᵀ − VᵀV}, {@code V = L⁻¹ B P0⁻¹ J*ᵀ} ({@code NC×C}). */
    private double[] functionSpaceCovariance(double[] jt) {
        double[] scaled = jt.clone();
        for (int q = 0; q < p; q++) {
            for (int k = 0; k < c; k++) {
                scaled[q * c + k] *= priorVariance[q];
            }
        }
        double[] prior = DenseOps.multiply(transpose(jt, p, c), scaled, c, p, c);
        int rows = weightedJacobian.length / p;
        double[] v = factor.solveLower(DenseOps.multiply(weightedJacobian, scaled, rows, p, c), c);
        double[] vv = DenseOps.columnGram(v, rows, c, 0, c);
        for (int i = 0; i < prior.length; i++) {
            prior[i] -= vv[i];
        }
        return prior;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
