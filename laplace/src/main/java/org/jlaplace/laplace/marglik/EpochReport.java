package org.jlaplace.laplace.marglik;

import java.util.Map;

/**
 * What {@link MarglikOptimizer} reports after each epoch, from the statistics it gathered while
 * training (no extra pass over the data).
 *
 * @param epoch           1-based epoch
 * @param epochs          epochs of the whole run
 * @param seconds         wall-clock seconds since training started
 * @param trainLoss       the running mean of the minibatch objective per datum,
 *                        {@code (1/N) Σ_batches M_b·[−(1/(M_b T)) Σ log p(y|f) + (1/(2N)) Σ_p δ_p θ_p²]}
 * @param trainMetric     running accuracy of the minibatches' predictions (classification) or their RMSE
 *                        (regression), taken before each step
 * @param logMarglik      the mean of the estimates {@code L̂} of the epoch's hyper-steps (NaN without steps)
 * @param priorPrecisions the {@code δ} values at the end of the epoch
 * @param sigma           {@code σ} at the end of the epoch (NaN for classification)
 * @param extents         learned extents by column name ({@code aug_rotation}, …; radians or fractions of the
 *                        image size), empty without invariance learning
 * @param eta             the same extents in normalised units (the augmentation's {@code η})
 * @param hyperSeconds    of {@code seconds}, the wall-clock seconds spent in hyper-step rounds so far (NaN when
 *                        not measured)
 * @param trainSeconds    wall-clock seconds of this epoch's minibatch steps alone (NaN when not measured, e.g.
 *                        for epochs restored from a checkpoint)
 */
public record EpochReport(int epoch, int epochs, double seconds, double trainLoss, double trainMetric,
                          double logMarglik, double[] priorPrecisions, double sigma, Map<String, Double> extents,
                          double[] eta, double hyperSeconds, double trainSeconds) {
    /** A report without the training time of the epoch. */
    public EpochReport(int epoch, int epochs, double seconds, double trainLoss, double trainMetric, double logMarglik,
                       double[] priorPrecisions, double sigma, Map<String, Double> extents, double[] eta,
                       double hyperSeconds) {
        this(epoch, epochs, seconds, trainLoss, trainMetric, logMarglik, priorPrecisions, sigma, extents, eta,
                hyperSeconds, Double.NaN);
    }

    /** A report without the hyper-step time. */
    public EpochReport(int epoch, int epochs, double seconds, double trainLoss, double trainMetric, double logMarglik,
                       double[] priorPrecisions, double sigma, Map<String, Double> extents, double[] eta) {
        this(epoch, epochs, seconds, trainLoss, trainMetric, logMarglik, priorPrecisions, sigma, extents, eta, Double.NaN);
    }
}
