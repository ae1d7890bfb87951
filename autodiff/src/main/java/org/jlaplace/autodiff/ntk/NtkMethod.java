package org.jlaplace.autodiff.ntk;

/** The three ways to compute the neural tangent kernel (MATHEMATICS.md §9); they agree to rounding. */
public enum NtkMethod {
    /**
     * Materialise each parameter group's Jacobian {@code J_g} ({@code [M·C, P_g]}, one batched
     * backward of the {@code C} output cotangents) and form {@code K_g = J_g J_gᵀ} by SYRK.
     */
    CONTRACTION,
    /**
     * Matrix-free: {@code K v = J (Jᵀ v)}, a VJP then a JVP, applied to blocks of unit vectors to
     * obtain the columns of {@code K}; holds at most {@code P} times the block width.
     */
    NTK_VECTOR_PRODUCT,
    /**
     * Per-layer Gram matrices from the layer inputs {@code a_n} and output cotangents {@code b_nc}:
     * a Linear weight contributes {@code (b_nc·b_mc')(a_n·a_m)}, its bias {@code b_nc·b_mc'}; never
     * materialises a Linear layer's Jacobian.
     */
    STRUCTURED
}
