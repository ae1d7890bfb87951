package org.jlaplace.laplace.curvature;

/** Which part of the GGN a parametric computation keeps (laplace-torch's hessian_structure). */
public enum GgnStructure {
    /** The full {@code P×P} GGN. */
    FULL,
    /** Its diagonal. */
    DIAGONAL,
    /** Its diagonal blocks, one per parameter group. */
    BLOCK_DIAGONAL,
    /** Kronecker-factored per layer (KFAC, expand variant). */
    KRON
}
