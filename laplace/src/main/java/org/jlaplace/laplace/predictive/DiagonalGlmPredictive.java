package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.DiagonalSums;
import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

import java.util.Arrays;
import java.util.List;

/**
 * The GLM predictive of the diagonal Laplace posterior (laplace-torch's {@code DiagLaplace}):
 * precision {@code diag(H) + P0}, i.e. {@code h_q + δ_q} per parameter with
 * {@code h_q = Σ_n (J_nᵀ Λ_n J_n)_qq} the GGN diagonal (any prior structure), and
 * {@code Σ*_n = J*_n diag(1/(h + δ)) J*_nᵀ}, {@code C×C} per test input:
 * {@code Σ*_n[k, k'] = Σ_q J*_n[k, q] J*_n[k', q] / (h_q + δ_q)}. Network batches are handled
 * layer by layer from their captured inputs and cotangents ({@link LayerPosterior}), so no
 * {@code C×P} test Jacobian is formed; other batches use their weighted Jacobian.
 */
public final class DiagonalGlmPredictive implements PredictivePosterior {
    private static final String OP = "diagonal GLM predictive";

    private final double[] variance;
    private final ParameterGroups groups;
    private final int c;

    private DiagonalGlmPredictive(double[] variance, ParameterGroups groups, int c) {
        this.variance = variance;
        this.groups = groups;
        this.c = c;
    }

    /**
     * The posterior from a GGN diagonal {@code h} and per-parameter prior precisions {@code δ}.
     *
     * @throws IllegalArgumentException if a length differs from {@code P}, {@code h} has a negative
     *                                  or non-finite entry, or {@code δ} a non-positive or non-finite one
     */
    public static DiagonalGlmPredictive of(double[] ggnDiagonal, double[] precisions, ParameterGroups groups,
                                           int outputs) {
        int p = groups.totalSize();
        if (ggnDiagonal.length != p || precisions.length != p) {
            throw new IllegalArgumentException(OP + ": GGN diagonal has " + ggnDiagonal.length
                    + " entries and precisions " + precisions.length + ", model has P = " + p);
        }
        if (outputs < 1) {
            throw new IllegalArgumentException(OP + ": outputs must be ≥ 1, got " + outputs);
        }
        double[] v = new double[p];
        for (int q = 0; q < p; q++) {
            double h = ggnDiagonal[q];
            double d = precisions[q];
            if (!(h >= 0.0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException(OP + ": GGN diagonal entry " + q + " is " + h
                        + ", must be finite and ≥ 0");
            }
            if (!(d > 0.0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(OP + ": prior precision δ at parameter " + q + " is " + d
                        + ", must be finite and > 0");
            }
            v[q] = 1.0 / (h + d);
        }
        return new DiagonalGlmPredictive(v, groups, outputs);
    }

    /**
     * The posterior with the GGN diagonal summed over all of {@code train}: from the layer
     * captures ({@link DiagonalSums}) in chunks sized from the first datum's captures when the
     * model's batches expose their layers, else from weighted Jacobians in chunks of about
     * {@link TrainingChunks#DOUBLES_PER_BATCH} doubles.
     */
    public static DiagonalGlmPredictive fit(LinearizedModel train, Likelihood likelihood, Prior prior) {
        return fitInChunks(train, likelihood, prior, 0);
    }

    /** As {@link #fit(LinearizedModel, Likelihood, Prior)}, {@code batchSize} training data at a time. */
    public static DiagonalGlmPredictive fit(LinearizedModel train, Likelihood likelihood, Prior prior,
                                            int batchSize) {
        TrainingChunks.checkSize(OP, batchSize);
        return fitInChunks(train, likelihood, prior, batchSize);
    }

    private static DiagonalGlmPredictive fitInChunks(LinearizedModel train, Likelihood likelihood, Prior prior,
                                                     int batchSize) {
        int p = train.groups().totalSize();
        double[] precisions = prior.precisionPerParameter(train.groups());
        double[] h;
        if (train.dataSize() == 0) {
            // No data: the posterior is the prior.
            return of(new double[p], precisions, train.groups(), train.outputs());
        }
        try {
            DiagonalSums sums = new DiagonalSums();
            CapturePass.run(train, likelihood, batchSize, sums::add);
            h = sums.diagonal(train.groups());
        } catch (UnsupportedOperationException e) {
            int size = batchSize > 0 ? batchSize : TrainingChunks.defaultSize(train.outputs(), p);
            h = new double[p];
            for (int from = 0; from < train.dataSize(); from += size) {
                double[] part = Ggn.diagonal(train.batch(TrainingChunks.range(from, size, train.dataSize())),
                        likelihood);
                for (int q = 0; q < p; q++) {
                    h[q] += part[q];
                }
            }
        }
        return of(h, precisions, train.groups(), train.outputs());
    }

    @Override
    public PosteriorStructure structure() {
        return PosteriorStructure.DIAGONAL;
    }

    /** The posterior variances {@code 1/(h_q + δ_q)} (a copy). */
    public double[] variances() {
        return variance.clone();
    }

    /** {@link #predict(LinearizedModel, int)} in batches sized by the test inputs' layer captures. */
    @Override
    public PredictiveDistribution predict(LinearizedModel test) {
        return predict(test, TrainingChunks.testChunkSize(test));
    }

    @Override
    public PredictiveDistribution predict(JacobianBatch test) {
        int p = groups.totalSize();
        PredictivePosterior.checkTestBatch(OP, test, c, p);
        int m = test.size();
        double[] eye = Identity.perDatum(m, c);
        List<KronCapture> captures;
        try {
            captures = test.kronCaptures(eye, c);
        } catch (UnsupportedOperationException e) {
            return new PredictiveDistribution(test.predictions(), explicitCovariance(test, eye), m, c);
        }
        double[] cov = new double[m * c * c];
        int covered = 0;
        for (KronCapture capture : captures) {
            layerOf(capture).addCovariance(capture, c, cov, OP);
            covered += capture.inFeatures() * capture.outFeatures() + (capture.biasGroup() >= 0 ? capture.outFeatures() : 0);
        }
        if (covered != p) {
            throw new IllegalArgumentException(OP + ": the test batch's layers hold " + covered + " of the " + p
                    + " parameters");
        }
        return new PredictiveDistribution(test.predictions(), cov, m, c);
    }

    /** The layer's variances as a non-rotated {@link LayerPosterior}. */
    private LayerPosterior layerOf(KronCapture capture) {
        int in = capture.inFeatures();
        int out = capture.outFeatures();
        int w = capture.weightGroup();
        if (groups.size(w) != in * out) {
            throw new IllegalArgumentException(OP + ": weight group " + w + " has " + groups.size(w)
                    + " parameters, the test layer is " + out + "×" + in);
        }
        int off = groups.offset(w);
        double[] vw = Arrays.copyOfRange(variance, off, off + in * out);
        double[] vb = null;
        if (capture.biasGroup() >= 0) {
            int b = capture.biasGroup();
            if (groups.size(b) != out) {
                throw new IllegalArgumentException(OP + ": bias group " + b + " has " + groups.size(b)
                        + " parameters, the test layer has " + out + " outputs");
            }
            vb = Arrays.copyOfRange(variance, groups.offset(b), groups.offset(b) + out);
        }
        return new LayerPosterior(w, capture.biasGroup(), in, out, null, null, vw, vb);
    }

    /** {@code Σ*_n[k, k'] = Σ_q J[n·C+k, q] J[n·C+k', q] v_q} from the explicit test Jacobian. */
    private double[] explicitCovariance(JacobianBatch test, double[] eye) {
        int m = test.size();
        int p = groups.totalSize();
        double[] j = test.weightedJacobian(eye, c);
        double[] cov = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                int rk = (n * c + k) * p;
                for (int k2 = k; k2 < c; k2++) {
                    int rk2 = (n * c + k2) * p;
                    double s = 0.0;
                    for (int q = 0; q < p; q++) {
                        s += j[rk + q] * j[rk2 + q] * variance[q];
                    }
                    cov[n * c * c + k * c + k2] = s;
                    cov[n * c * c + k2 * c + k] = s;
                }
            }
        }
        return cov;
    }
}
