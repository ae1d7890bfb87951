package org.jlaplace.bench.marglik;

import java.util.Map;

/**
 * The state after one epoch: losses and metrics of the MAP network, the marginal-likelihood
 * estimate of that epoch's hyperparameter steps (their mean; NaN without steps), and the
 * hyperparameters in force at the end of the epoch.
 *
 * @param epoch              1-based epoch
 * @param seconds            wall time since the start of training
 * @param trainLoss          mean regularised training loss of the epoch's minibatches, per datum
 * @param trainMetric        training accuracy (classification) or RMSE (regression): the running statistic of the
 *                           epoch's minibatches, or with {@code --eval-train} a full pass after the epoch
 * @param testMetric         test accuracy or RMSE (NaN without test data)
 * @param testLogLikelihood  mean test log-likelihood per datum of the MAP network (NaN without test data)
 * @param logMarglik         mean estimate of the epoch's hyperparameter steps (NaN if none)
 * @param priorPrecisions    δ values (one per hyperparameter of the prior structure)
 * @param sigma              σ (regression; NaN for classification)
 * @param extents            learned augmentation extents by column name ({@code aug_rotation}, …; radians or
 *                           fractions of the image size), empty without invariance learning
 * @param hyperSeconds       of {@code seconds}, the wall time spent in hyper-step rounds so far (NaN if not measured)
 * @param trainSeconds       the wall time of this epoch's minibatch steps alone (NaN if not measured)
 */
public record EpochRecord(int epoch, double seconds, double trainLoss, double trainMetric, double testMetric,
                          double testLogLikelihood, double logMarglik, double[] priorPrecisions, double sigma,
                          Map<String, Double> extents, double hyperSeconds, double trainSeconds) {
    /** A record without the epoch's training time. */
    public EpochRecord(int epoch, double seconds, double trainLoss, double trainMetric, double testMetric,
                       double testLogLikelihood, double logMarglik, double[] priorPrecisions, double sigma,
                       Map<String, Double> extents, double hyperSeconds) {
        this(epoch, seconds, trainLoss, trainMetric, testMetric, testLogLikelihood, logMarglik, priorPrecisions, sigma,
                extents, hyperSeconds, Double.NaN);
    }

    /** A record without the hyper-step time. */
    public EpochRecord(int epoch, double seconds, double trainLoss, double trainMetric, double testMetric,
                       double testLogLikelihood, double logMarglik, double[] priorPrecisions, double sigma,
                       Map<String, Double> extents) {
        this(epoch, seconds, trainLoss, trainMetric, testMetric, testLogLikelihood, logMarglik, priorPrecisions, sigma,
                extents, Double.NaN);
    }

    /** A record without augmentation extents. */
    public EpochRecord(int epoch, double seconds, double trainLoss, double trainMetric, double testMetric,
                       double testLogLikelihood, double logMarglik, double[] priorPrecisions, double sigma) {
        this(epoch, seconds, trainLoss, trainMetric, testMetric, testLogLikelihood, logMarglik, priorPrecisions, sigma,
                Map.of());
    }
}
