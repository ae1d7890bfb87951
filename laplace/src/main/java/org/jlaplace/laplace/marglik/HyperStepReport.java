package org.jlaplace.laplace.marglik;

import java.util.Map;

/**
 * What {@link MarglikOptimizer} reports after each hyper-step: the estimate it ascended and the
 * hyperparameters after the step.
 *
 * @param step            1-based count of hyper-steps since training started
 * @param total           hyper-steps of the whole run
 * @param epoch           the epoch after which the step ran
 * @param estimate        the estimate (5.1) {@code L̂} of the whole data set's bound on the step's batch,
 *                        before the step (not divided by N)
 * @param priorPrecisions the {@code δ} values after the step
 * @param sigma           {@code σ} after the step (NaN for classification)
 * @param extents         extents by column name after the step (empty without invariance learning)
 * @param seconds         wall-clock seconds since training started
 * @param stepSeconds     wall-clock seconds of this step alone: its estimate and update (the first step of a
 *                        round also sets the round up: its partition and linearisation)
 */
public record HyperStepReport(int step, int total, int epoch, double estimate, double[] priorPrecisions, double sigma,
                              Map<String, Double> extents, double seconds, double stepSeconds) {
}
