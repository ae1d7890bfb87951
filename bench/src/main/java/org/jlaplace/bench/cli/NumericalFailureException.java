package org.jlaplace.bench.cli;

/**
 * A computation produced a non-finite value because of the user's data, weights or
 * hyperparameters (not a bug): the message names the stage and where (example, batch or epoch);
 * the command exits with status 2 and adds the likely causes.
 */
public final class NumericalFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public NumericalFailureException(String message) {
        super(message);
    }
}
