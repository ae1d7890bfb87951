package org.jlaplace.autodiff;

/**
 * Per-thread state of the AD engine: how many transformations ({@code grad}, {@code jvp}, ...)
 * are currently evaluating their function, and whether new nodes are being recorded.
 *
 * <p>Why: a sweep (reverse or forward) only needs to build a differentiable graph of its own
 * computation when some enclosing transformation will differentiate the result. A sweep started
 * at depth 0 runs with recording switched off, so first-order gradients cost plain tensor
 * arithmetic; a sweep inside another transformation's function records, which is what makes
 * derivatives of derivatives work.
 */
final class Trace {
    private static final ThreadLocal<Trace> STATE = ThreadLocal.withInitial(Trace::new);

    private int depth;
    private int suppressed;

    private Trace() {
    }

    /** True when operations on tracked inputs should record graph nodes. */
    static boolean recording() {
        return STATE.get().suppressed == 0;
    }

    /** Marks the start of a transformation evaluating its function. */
    static void enterFunction() {
        STATE.get().depth++;
    }

    /** Marks the end of {@link #enterFunction()}. */
    static void exitFunction() {
        STATE.get().depth--;
    }

    /**
     * Starts a sweep; returns whether recording was switched off (pass it to {@link #endSweep}).
     *
     * @param createGraph {@code true} forces recording, {@code false} lets the depth decide
     */
    static boolean beginSweep(boolean createGraph) {
        Trace t = STATE.get();
        boolean suppress = !createGraph && t.depth == 0;
        if (suppress) {
            t.suppressed++;
        }
        return suppress;
    }

    /** Ends a sweep started by {@link #beginSweep(boolean)}. */
    static void endSweep(boolean suppressed) {
        if (suppressed) {
            STATE.get().suppressed--;
        }
    }
}
