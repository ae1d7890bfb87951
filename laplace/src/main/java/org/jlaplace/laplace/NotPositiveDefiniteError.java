package org.jlaplace.laplace;

/**
 * A matrix that must be positive definite (such as {@code I + G} or {@code P0 + H}) is not, or
 * holds a non-finite value: raised instead of returning NaN.
 */
public final class NotPositiveDefiniteError extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int pivot;
    private final double value;

    public NotPositiveDefiniteError(String matrix, int pivot, double value) {
        super(matrix + ": not positive definite (Cholesky pivot " + pivot + " is " + value + ")");
        this.pivot = pivot;
        this.value = value;
    }

    /** Index of the failing pivot. */
    public int pivot() {
        return pivot;
    }

    /** The non-positive or non-finite pivot value. */
    public double value() {
        return value;
    }
}
