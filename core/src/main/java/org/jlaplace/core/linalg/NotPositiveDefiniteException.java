package org.jlaplace.core.linalg;

/**
 * Thrown when a Cholesky factorisation meets a pivot that is not a positive finite number: the
 * matrix (as seen through its lower triangle) is not symmetric positive definite, or it holds NaN or
 * infinite entries. The message names the pivot index and its value.
 */
public final class NotPositiveDefiniteException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int pivot;
    private final double value;

    /**
     * @param pivot the row (and column) index whose diagonal failed
     * @param value the diagonal {@code a_jj − Σ_{k<j} L_jk²} at that step
     */
    public NotPositiveDefiniteException(int pivot, double value) {
        super("Cholesky: matrix is not positive definite: pivot " + pivot + " has value " + value
                + " (a_jj minus the squares of the previous entries of row " + pivot
                + " must be positive and finite)");
        this.pivot = pivot;
        this.value = value;
    }

    /** The index of the failing pivot. */
    public int pivot() {
        return pivot;
    }

    /** The value of the failing pivot (negative, zero, NaN or infinite). */
    public double value() {
        return value;
    }
}
