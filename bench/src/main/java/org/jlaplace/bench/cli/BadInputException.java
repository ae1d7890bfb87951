package org.jlaplace.bench.cli;

/**
 * The user's input is wrong (an option value, a file, a line of a file): the command prints the
 * message, which names the option or position, and exits with status 2.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public BadInputException(String message) {
        super(message);
    }

    /** A problem found by a lower layer (its message already names the file or value). */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
