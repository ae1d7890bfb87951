package org.jlaplace.bench.marglik;

/**
 * The state after one epoch: losses and metrics of the MAP network, the marginal-likelihood
 * estimate of that epoch's hyperparameter steps (their mean; NaN without steps), and the
 * hyperparameters in force at the end of the epoch.
 *
 * @param epoch              1-based epoch
 * @param seconds            wall time since the start of training
 * @param trainLoss          mean regularised training loss of the epoch's minibatches, per datum
 * @param trainMetric        training accuracy (classification) or RMSE (regression)
 * @param testMetric         test accuracy or RMSE (NaN without test data)
 * @param testLogLikelihood  mean test log-likelihood per datum of the MAP network (NaN without test data)
 * @param logMarglik         mean estimate of the epoch's hyperparameter steps (NaN if none)
 * @param priorPrecisions    δ values (one per hyperparameter of the prior structure)
 * @param sigma              σ (regression; NaN for classification)
 */
public record EpochRecord(int epoch, double seconds, double trainLoss, double trainMetric, double testMetric,
                          double testLogLikelihood, double logMarglik, double[] priorPrecisions, double sigma) {
}
