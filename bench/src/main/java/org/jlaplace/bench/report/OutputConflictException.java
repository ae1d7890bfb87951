package org.jlaplace.bench.report;

/**
 * The output directory could not be committed because another run created it meanwhile (two runs
 * on one {@code --out} without {@code --overwrite}); the message says where the results are.
 */
public final class OutputConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A conflict described by {@code message}. */
    public OutputConflictException(String message) {
        super(message);
    }
}
