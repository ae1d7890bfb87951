package org.jlaplace.bench.memory;

/**
 * The estimated peak heap of a command exceeds the heap the JVM may use. The message gives the
 * estimate, the heap and what to change; the command exits with status 2 before allocating.
 */
public final class InsufficientMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message}. */
    public InsufficientMemoryException(String message) {
        super(message);
    }
}
