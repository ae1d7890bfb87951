package org.jlaplace.laplace.predictive;

import java.util.Arrays;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.core.linalg.Syrk;
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

    /** Right-hand-side columns per triangular solve of {@link #predict} (see there). */
    static final int PANEL_COLUMNS = 160;

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

    /**
     * Factors the posterior of the model on all its training data.
     *
     * @throws IllegalArgumentException when the matrices of the chosen form cannot be held: more
     *                                  entries than a Java array takes, or more bytes than the
     *                                  JVM's maximum heap (checked before anything is formed)
     */
    public static GlmPredictive fit(LinearizedModel train, Likelihood likelihood, Prior prior, Form form) {
        int n = train.dataSize();
        int p = train.groups().totalSize();
        int c = train.outputs();
        boolean functionSpace = switch (form) {
            case FUNCTION_SPACE -> true;
            case PARAMETRIC -> false;
            case AUTOMATIC -> (long) n * c <= p;
        };
        checkFits(n, c, p, functionSpace, Runtime.getRuntime().maxMemory());
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        JacobianBatch batch = train.batch(all);
        double[] delta = prior.precisionPerParameter(train.groups());
        double[] variance = new double[p];
        for (int i = 0; i < p; i++) {
            variance[i] = 1.0 / delta[i];
        }
        double[] factor = likelihood.hessianFactor(batch.predictions(), n);
        int rows = n * c;
        if (functionSpace) {
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

    /**
     * Throws unless the full posterior's matrices fit: in function space the weighted Jacobian
     * {@code NC×P}, its scaled copy and {@code I + G} ({@code NC×NC}); in parameter space
     * {@code P0 + H} ({@code P×P}, formed in place). Each must be a Java array
     * (below 2³¹ entries), and together they must fit {@code heapBytes}.
     */
    static void checkFits(int n, int c, int p, boolean functionSpace, long heapBytes) {
        long rows = (long) n * c;
        long largest = functionSpace ? Math.max(rows * p, rows * rows) : (long) p * p;
        double bytes = 8.0 * (functionSpace ? 2.0 * rows * p + (double) rows * rows : (double) p * p);
        if (largest > Integer.MAX_VALUE - 8L || bytes > heapBytes) {
            String matrix = functionSpace ? rows + "×" + p + " Jacobian and a " + rows + "×" + rows + " matrix"
                    : p + "×" + p + " matrix";
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "GLM predictive (full posterior): P = %d parameters and N·C = %d training outputs need a %s,"
                            + " about %.1f GB (JVM heap %.1f GB%s); use the KRON or DIAGONAL posterior",
                    p, rows, matrix, bytes / 1e9, heapBytes / 1e9,
                    largest > Integer.MAX_VALUE - 8L ? ", and more entries than one Java array holds" : ""));
        }
    }

    @Override
    public PosteriorStructure structure() {
        return PosteriorStructure.FULL;
    }

    /** Whether the function-space form was chosen. */
    public boolean functionSpace() {
        return functionSpace;
    }

    /**
     * The predictive at the test batch's inputs. In parameter space the test Jacobian's rows are
     * solved all at once by the recursive row solve ({@link SpdFactor#solveLowerRowsInPlace}),
     * whose deep GEMMs stay fast for any number of rows. In function space they go through the
     * column solve {@value #PANEL_COLUMNS} columns at a time: with a few right-hand sides per call
     * (one test input) the solve streams the whole factor {@code L} once per input and runs at
     * memory speed; with thousands, its rank-{@code b} updates stream a right-hand side too big
     * for the caches. A panel of about this width stays in cache while {@code L} is read once per
     * panel.
     */
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
        if (!functionSpace) {
            return new PredictiveDistribution(test.predictions(), parametricCovariances(jStar, m), m, c);
        }
        double[] cov = new double[m * c * c];
        int step = Math.max(1, PANEL_COLUMNS / c);
        for (int from = 0; from < m; from += step) {
            int count = Math.min(step, m - from);
            double[] rows = Arrays.copyOfRange(jStar, from * c * p, (from + count) * c * p);
            double[] jt = transpose(rows, count * c, p); // P×(count·C)
            double[] part = functionSpaceCovariances(rows, jt, count);
            System.arraycopy(part, 0, cov, from * c * c, count * c * c);
        }
        return new PredictiveDistribution(test.predictions(), cov, m, c);
    }

    /**
     * {@code W_nᵀW_n} for every test input {@code n}, {@code W = L⁻¹ J*ᵀ}: the rows of
     * {@code J*} ({@code M·C×P}, overwritten) are solved in place as rows, all at once.
     */
    private double[] parametricCovariances(double[] jStar, int m) {
        factor.solveLowerRowsInPlace(jStar, m * c);
        return blockGrams(jStar, m, p);
    }

    /**
     * {@code J*_n P0⁻¹ J*_nᵀ − V_nᵀV_n} for every test input {@code n}, {@code V = L⁻¹ B P0⁻¹ J*ᵀ}
     * ({@code NC×M·C}).
     */
    private double[] functionSpaceCovariances(double[] jStar, double[] jt, int m) {
        int cols = m * c;
        double[] scaled = jt.clone();
        for (int q = 0; q < p; q++) {
            for (int j = 0; j < cols; j++) {
                scaled[q * cols + j] *= priorVariance[q];
            }
        }
        double[] prior = blockProducts(jStar, transpose(scaled, p, cols), m, p);
        int rows = weightedJacobian.length / p;
        double[] v = factor.solveLower(DenseOps.multiply(weightedJacobian, scaled, rows, p, cols), cols);
        double[] vv = blockGrams(transpose(v, rows, cols), m, rows);
        for (int i = 0; i < prior.length; i++) {
            prior[i] -= vv[i];
        }
        return prior;
    }

    /**
     * The {@code C×C} diagonal blocks of {@code A·Aᵀ} (as {@link #blockProducts} of {@code a} with
     * itself), each a one-thread SYRK over its input's {@code C} rows. Measured in the default
     * job, the thousands of separate dot products this was before met a length the dot kernel's
     * compiled code had not seen, and ran deoptimised (allocating per vector) until recompiled;
     * the GEMM kernels under SYRK are compiled and hot by then.
     */
    private double[] blockGrams(double[] a, int m, int len) {
        double[] out = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            Syrk.syrk(false, c, len, 1.0, a, n * c * len, len, 0.0, out, n * c * c, c, 1);
            Syrk.symmetrizeLower(out, n * c * c, c, c);
        }
        return out;
    }

    /**
     * The {@code C×C} diagonal blocks of {@code A·Bᵀ} for {@code (M·C)×len} row-major {@code A},
     * {@code B}: block {@code n} holds {@code A_{nC+k}·B_{nC+l}} at {@code n·C² + k·C + l}.
     */
    private double[] blockProducts(double[] a, double[] b, int m, int len) {
        VectorKernels kernels = KernelProvider.get();
        double[] out = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                for (int l = 0; l < c; l++) {
                    out[n * c * c + k * c + l] = kernels.dot(a, (n * c + k) * len, b, (n * c + l) * len, len);
                }
            }
        }
        return out;
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
