package org.jlaplace.laplace.bound;

/**
 * The kernel partition bound (MATHEMATICS.md §4.1): {@code T_b = log det(I + G_b)},
 * {@code G_b = Ā_bᵀ J_b P0⁻¹ J_bᵀ Ā_b}, an {@code M·R × M·R} Cholesky per batch with the thin
 * factor ({@code R = C−1} for a softmax), or the equal {@code P×P} parameter form when that is
 * smaller ({@link FullCurvature}). Equals the exact value (3.2) when the partition has one batch.
 */
public final class KernelPartitionEstimator extends FullCurvatureEstimator {
    /** The bound in the cheaper form of each batch. */
    public KernelPartitionEstimator() {
        this(FullCurvature.Form.CHEAPER);
    }

    /** The bound with the form fixed (tests compare the forms). */
    public KernelPartitionEstimator(FullCurvature.Form form) {
        super(form, "kernel bound");
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public boolean isCertifiedBound() {
        return true;
    }

    /** One batch of all data is the exact value (3.2). */
    @Override
    public boolean isExactOnWholeData() {
        return true;
    }




}
