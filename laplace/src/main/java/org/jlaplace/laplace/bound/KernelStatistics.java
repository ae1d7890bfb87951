package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * One batch's function-space statistics: unit-weighted kernels per prior hyperparameter
 * ({@code kernels != null}, scalar and layerwise priors; only their lower triangles, diagonal
 * included, are read) or the unit-weighted Jacobian
 * ({@code weightedJacobian != null}, diagonal prior); {@code n} rows, {@code p} parameters.
 */
public record KernelStatistics(double[][] kernels, double[] weightedJacobian, int n, int p) {

    /** {@code log det(I + G)} and gradients at the given hyperparameters. */
    public LogDetTerm logDet(double scale, double dLogScale, double[] precisions, String what) {
        if (kernels != null) {
            return KernelLogDet.ofKernels(kernels, n, scale, dLogScale, precisions, what);
        }
        return KernelLogDet.ofWeightedJacobian(weightedJacobian, n, p, scale, dLogScale, precisions, what);
    }

    /** Computes the statistics of the functions weighted by {@code a} ({@code M×C×R}). */
    public static KernelStatistics of(JacobianBatch batch, double[] a, int r, Prior prior) {
        ParameterGroups groups = batch.groups();
        int[] ofGroup = prior.hyperparameterOfGroup(groups);
        int rows = batch.size() * r;
        if (ofGroup == null) {
            return new KernelStatistics(null, batch.weightedJacobian(a, r), rows, groups.totalSize());
        }
        return new KernelStatistics(batch.weightedKernelLowerTriangles(a, r, ofGroup, prior.size()), null, rows,
                groups.totalSize());
    }
}
