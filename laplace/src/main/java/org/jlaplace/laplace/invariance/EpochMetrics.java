package org.jlaplace.laplace.invariance;

import java.util.Map;

/**
 * What {@link InvarianceMarglik} reports after each epoch.
 *
 * @param epoch            1-based epoch number
 * @param trainLoss        mean negative log-likelihood of the MAP minibatches (augmented model)
 * @param trainAccuracy    accuracy on the MAP minibatches (classification; NaN for regression)
 * @param logMarglik       the last bound estimate of the epoch divided by N (NaN when no hyper-step ran)
 * @param priorPrecisions  the current {@code δ} values
 * @param sigma            the Gaussian noise {@code σ} (NaN for classification)
 * @param extents          extent per generator label ({@code aug_rotation}, …) in radians or fractions of the image size
 * @param seconds          wall-clock seconds since training started
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double logMarglik,
                           double[] priorPrecisions, double sigma, Map<String, Double> extents, double seconds) {
}
