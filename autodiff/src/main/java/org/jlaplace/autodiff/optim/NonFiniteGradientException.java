package org.jlaplace.autodiff.optim;

/**
 * An optimiser was given a NaN or infinite gradient: a numerical failure of the objective (for
 * example a loss that overflowed), not a misuse of the API. It remains an
 * {@link IllegalArgumentException}, as documented by {@link Optimizer#step}.
 */
public final class NonFiniteGradientException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public NonFiniteGradientException(String message) {
        super(message);
    }
}
