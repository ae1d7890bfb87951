package org.jlaplace.laplace.bound;

/**
 * The shapes that decide an estimator's memory on one batch: {@code size} data {@code M},
 * {@code outputs} {@code C}, the likelihood's thin factor rank {@code R} ({@code C−1} for a softmax),
 * {@code parameters} {@code P}, the sizes of the parameter groups, and {@code kernels}, the prior's
 * number of hyperparameters when it is constant on groups (scalar 1, layerwise one per group), or 0
 * for a diagonal prior.
 */
public record BatchDimensions(int size, int outputs, int thinRank, int parameters, int[] groupSizes, int kernels) {

    /** {@code M·C}, the rows of the full factor. */
    public long rows() {
        return (long) size * outputs;
    }

    /** {@code M·R}, the rows of the thin factor. */
    public long thinRows() {
        return (long) size * thinRank;
    }

    /** {@code Σ_g P_g²}, the entries of the group-diagonal blocks. */
    public long blockEntries() {
        long s = 0;
        for (int g : groupSizes) {
            s += (long) g * g;
        }
        return s;
    }
}
