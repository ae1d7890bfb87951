package org.jlaplace.laplace.marglik;

/**
 * Receives the progress of {@link MarglikOptimizer#train}, from the training thread. The network is
 * in its state after the reported epoch while {@link #epoch} runs, so a listener may evaluate it.
 */
public interface MarglikListener {
    /** After every epoch. */
    void epoch(EpochReport report);

    /**
     * After every epoch's {@link #epoch} report: the run's whole state, from which
     * {@link MarglikOptimizer#resume} continues exactly (nothing by default).
     */
    default void checkpoint(MarglikState state) {
    }

    /** After every hyper-step (nothing by default). */
    default void hyperStep(HyperStepReport report) {
    }

    /** A listener that ignores everything. */
    static MarglikListener none() {
        return report -> {
        };
    }
}
