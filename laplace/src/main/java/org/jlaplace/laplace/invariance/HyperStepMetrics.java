package org.jlaplace.laplace.invariance;

import java.util.Map;

/**
 * What {@link InvarianceMarglik} reports after each hyper-step: the estimate it ascended and the
 * hyperparameters after the step.
 *
 * @param step            1-based count of hyper-steps since training started
 * @param epoch           the epoch after which the step ran
 * @param estimate        the bound estimate {@code L̂} of the whole data set on the step's batch
 *                        ({@code (N/M)·batch terms − prior term}, not divided by N), before the step
 * @param priorPrecisions the {@code δ} values after the step
 * @param sigma           the Gaussian noise {@code σ} after the step (NaN for classification)
 * @param extents         extent per generator label ({@code aug_rotation}, …) after the step, in radians or
 *                        fractions of the image size
 * @param seconds         wall-clock seconds since training started
 */
public record HyperStepMetrics(int step, int epoch, double estimate, double[] priorPrecisions, double sigma,
                               Map<String, Double> extents, double seconds) {
}
