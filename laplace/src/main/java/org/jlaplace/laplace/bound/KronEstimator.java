package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.curvature.KronSums;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * KFAC (MATHEMATICS.md §4.6): per layer {@code H ≈ B ⊗ A} (weight) and {@code B} (bias), log-determinant
 * through the factor eigenvalues {@code α_i, β_j}:
 * {@code Σ_ij log(1 + s α_i β_j/δ_w) + Σ_j log(1 + s β_j/δ_b)}, so
 * {@code ∂/∂ log δ = −Σ x/(1+x)} and {@code ∂/∂ log σ = (∂ log s/∂ log σ)·Σ x/(1+x)} with
 * {@code x} each summand's ratio. An <b>approximation, not a bound</b>; scalar and layerwise
 * priors only.
 */
public final class KronEstimator implements BoundEstimator<KronEstimator.Statistics> {

    /** Per layer: groups and factor eigenvalues. */
    public record Layer(int weightGroup, int biasGroup, double[] alpha, double[] beta) {
    }

    /** The prepared layers of one batch. */
    public record Statistics(List<Layer> layers, ParameterGroups groups) {
    }

    @Override
    public String name() {
        return "kron";
    }

    @Override
    public boolean isCertifiedBound() {
        return false;
    }

    /** The Kronecker factors need one precision per layer's weight and bias groups. */
    @Override
    public Set<PriorStructure> supportedPriors() {
        return EnumSet.of(PriorStructure.SCALAR, PriorStructure.LAYERWISE);
    }

    /** The factors come from each layer's inputs and output cotangents. */
    @Override
    public boolean needsLayerCaptures() {
        return true;
    }

    /**
     * Data per chunk when a batch is prepared chunk by chunk: the factors add up over data, and a
     * chunk's captures ({@code M·C×out} cotangents and {@code M·T×in} inputs per layer) stay a few
     * megabytes even for a CNN on images, whereas all {@code N} data at once can need gigabytes.
     */
    public static final int CHUNK = 256;

    @Override
    public Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        ChunkedStatistics<Statistics> s = chunkedStatistics(likelihood, prior);
        s.add(batch);
        return s.finish();
    }

    @Override
    public int preparationChunk() {
        return CHUNK;
    }

    /**
     * Sums {@code Σ a aᵀ}, {@code M·T} and {@code Σ b bᵀ} over chunks; the likelihood's unit factor
     * is per datum, so each chunk takes its own from its predictions.
     */
    @Override
    public ChunkedStatistics<Statistics> chunkedStatistics(Likelihood likelihood, Prior prior) {
        return new ChunkedStatistics<>() {
            private final KronSums sums = new KronSums();
            private ParameterGroups groups;

            @Override
            public void add(JacobianBatch chunk) {
                if (groups == null) {
                    if (prior.hyperparameterOfGroup(chunk.groups()) == null) {
                        throw new IllegalArgumentException("kron estimator: needs a scalar or layerwise prior, got "
                                + prior.structure());
                    }
                    groups = chunk.groups();
                }
                double[] a = likelihood.unitFactor(chunk.predictions(), chunk.size());
                sums.add(chunk.kronCaptures(a, likelihood.outputs()));
            }

            @Override
            public Statistics finish() {
                List<Layer> layers = new ArrayList<>();
                for (KronFactors f : sums.factors()) {
                    layers.add(new Layer(f.weightGroup(), f.biasGroup(), clip(f.eigenvaluesA()),
                            clip(f.eigenvaluesB())));
                }
                return new Statistics(layers, groups);
            }
        };
    }

    /** Factors are PSD; rounding can make tiny eigenvalues negative, which would break log1p. */
    private static double[] clip(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(v[i], 0.0);
        }
        return v;
    }

    /** The factor eigenvalues: at most {@code in + out} per layer, below {@code 2P} doubles. */
    @Override
    public long statisticsBytes(BatchDimensions d) {
        return 16L * d.parameters();
    }

    /**
     * The factors {@code A} ({@code in×in}), {@code B} ({@code out×out}), their sums and eigen
     * decompositions (twice each), plus one chunk's captured cotangents ({@code m·C×out}) and
     * inputs ({@code m×in}) with {@code m = min(M, }{@link #CHUNK}{@code )}, since batches are
     * prepared chunk by chunk, and the batch's predictions ({@code M·C}). Layer widths are read off the groups: a weight group of {@code P_g} followed
     * by a bias group of {@code out} dividing it has {@code in = P_g/out}; any other group counts
     * as a square {@code √P_g × √P_g} layer.
     */
    @Override
    public long workingBytes(BatchDimensions d) {
        int[] g = d.groupSizes();
        long chunk = Math.min(d.size(), CHUNK);
        long total = statisticsBytes(d) + 8 * d.rows();
        for (int i = 0; i < g.length; i++) {
            long in;
            long out;
            if (i + 1 < g.length && g[i + 1] > 0 && g[i] % g[i + 1] == 0) {
                out = g[i + 1];
                in = g[i] / out;
                i++;
            } else {
                in = (long) Math.ceil(Math.sqrt(g[i]));
                out = in;
            }
            total += 8 * (3 * (in * in + out * out) + chunk * d.outputs() * out + chunk * in);
        }
        return total;
    }

    @Override
    public LogDetTerm logDetTerm(Statistics s, Likelihood likelihood, Prior prior) {
        double[] d = prior.precisions();
        int[] ofGroup = prior.hyperparameterOfGroup(s.groups());
        if (ofGroup == null) {
            throw new IllegalArgumentException("kron estimator: needs a scalar or layerwise prior, got "
                    + prior.structure());
        }
        double scale = likelihood.factorScale();
        double dLog = likelihood.factorScaleLogGradLogSigma();
        double[] grad = new double[d.length];
        double value = 0.0;
        double ratio = 0.0;
        for (Layer l : s.layers()) {
            double dw = d[ofGroup[l.weightGroup()]];
            for (double alpha : l.alpha()) {
                for (double beta : l.beta()) {
                    double x = scale * alpha * beta / dw;
                    value += Math.log1p(x);
                    grad[ofGroup[l.weightGroup()]] -= x / (1.0 + x);
                    ratio += x / (1.0 + x);
                }
            }
            if (l.biasGroup() >= 0) {
                double db = d[ofGroup[l.biasGroup()]];
                for (double beta : l.beta()) {
                    double x = scale * beta / db;
                    value += Math.log1p(x);
                    grad[ofGroup[l.biasGroup()]] -= x / (1.0 + x);
                    ratio += x / (1.0 + x);
                }
            }
        }
        return new LogDetTerm(value, grad, dLog * ratio);
    }
}
