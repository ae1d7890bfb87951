package org.jlaplace.bench.cli;

import org.jlaplace.autodiff.io.ModelFormatException;
import org.jlaplace.bench.data.DataFormatException;
import org.jlaplace.bench.memory.InsufficientMemoryException;
import org.jlaplace.bench.report.OutputConflictException;

/** Exit statuses of {@code jlaplace} (CLI.md) and the mapping of failures onto them. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An internal failure (a bug or an environment problem); a stack trace is printed. */
    public static final int INTERNAL = 1;
    /** Bad input: options, files or their contents; a one-line message names the problem. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }

    /** Whether {@code t} (or a cause) reports bad user input rather than an internal failure. */
    public static boolean isBadInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (isBadInputType(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBadInputType(Throwable c) {
        return c instanceof BadInputException || c instanceof DataFormatException
                || c instanceof ModelFormatException || c instanceof InsufficientMemoryException
                || c instanceof OutputConflictException;
    }

    /** The message to show for a bad-input failure: the first one in the cause chain that names it. */
    public static String badInputMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (isBadInputType(c)) {
                return c.getMessage();
            }
        }
        return t.getMessage();
    }
}
