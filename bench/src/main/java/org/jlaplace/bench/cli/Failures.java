package org.jlaplace.bench.cli;

import java.io.IOException;
import org.jlaplace.bench.memory.HeapBudget;

/**
 * Turns a failure of a command into what the user sees: an exit status and a message. Only
 * genuine internal failures get a stack trace; the environment's limits (heap, disk) and
 * numerical failures caused by the data, weights or hyperparameters get a message saying so.
 */
final class Failures {
    /** What to print and how to exit. */
    record Report(int exit, String message, boolean stackTrace) {
    }

    /** Advice shared by the heap refusal and the OutOfMemoryError message. */
    static final String MEMORY_ADVICE = "use a smaller --batch-size, another --estimator (kernel for small batches, "
            + "parametric when M·C > P) or a cheaper --laplace-predictive (kron, diag), or " + HeapBudget.HEAP_ADVICE;

    /** Likely causes of a numerical failure. */
    static final String NUMERICAL_ADVICE = "likely causes: inputs on a large scale (try --scale or --standardize), "
            + "weights of a huge magnitude, or a prior precision, σ or learning rate at an extreme value";

    private Failures() {
    }

    /** The report for {@code t}, thrown by {@code command}. */
    static Report of(Throwable t, String command) {
        String prefix = "jlaplace" + (command.isEmpty() || command.equals("jlaplace") ? "" : " " + command) + ": ";
        if (ExitCodes.isBadInput(t)) {
            return new Report(ExitCodes.BAD_INPUT, prefix + ExitCodes.badInputMessage(t), false);
        }
        OutOfMemoryError oom = find(t, OutOfMemoryError.class);
        if (oom != null) {
            return new Report(ExitCodes.INTERNAL, prefix + "out of memory (the heap is "
                    + HeapBudget.bytes(Runtime.getRuntime().maxMemory()) + "; " + oom.getMessage()
                    + "), beyond what was estimated before starting. To fit: " + MEMORY_ADVICE, false);
        }
        String disk = noSpace(t);
        if (disk != null) {
            return new Report(ExitCodes.INTERNAL, prefix + "No space left on device" + disk
                    + "; nothing was committed to --out (free some space and run again)", false);
        }
        NumericalFailureException checked = find(t, NumericalFailureException.class);
        if (checked != null) {
            return new Report(ExitCodes.BAD_INPUT, prefix + "numerical failure: " + checked.getMessage(), false);
        }
        Throwable numeric = numerical(t);
        if (numeric != null) {
            return new Report(ExitCodes.BAD_INPUT, prefix + "numerical failure: " + numeric.getMessage() + "; "
                    + NUMERICAL_ADVICE, false);
        }
        return new Report(ExitCodes.INTERNAL, prefix + "internal error: " + t, true);
    }

    /**
     * A numerical failure in the chain: an {@link ArithmeticException} (the laplace module reports
     * non-finite results and failed Cholesky factorisations as such) or a non-finite gradient
     * refused by an optimiser.
     */
    static Throwable numerical(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ArithmeticException || c instanceof NumericalFailureException
                    || c instanceof org.jlaplace.autodiff.optim.NonFiniteGradientException) {
                return c;
            }
        }
        return null;
    }

    /** {@code ": PATH"} (or {@code ""}) if the chain holds an I/O error for a full disk, else {@code null}. */
    static String noSpace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null && c.getMessage().contains("No space left on device")) {
                String m = c.getMessage().replace("No space left on device", "").replaceAll("[: ]+$", "").trim();
                return m.isEmpty() ? "" : " (" + m + ")";
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
