package org.jlaplace.bench.marglik;

/**
 * Everything that decides a marginal-likelihood training run (Immer et al. 2021, online
 * variant; MATHEMATICS.md §5): network optimiser and schedule, the hyperparameter schedule (every
 * {@code frequency} epochs after {@code burnIn} epochs, {@code hyperSteps} Adam steps of rate
 * {@code hyperLearningRate} on {@code log δ} and {@code log σ}), and the estimator that supplies the
 * marginal-likelihood gradients. {@code fixedPrior} disables the hyperparameter steps.
 *
 * @param epochs            passes over the training data
 * @param trainBatchSize    minibatch size of the network optimiser
 * @param optimizer         {@code adam} or {@code sgd}
 * @param learningRate      initial network learning rate
 * @param momentum          SGD momentum (ignored by Adam)
 * @param schedule          {@code cosine} (to {@code minLearningRate} at the last step), {@code exponential}
 *                          ({@code learningRate·decay^epoch}) or {@code constant}
 * @param minLearningRate   the cosine schedule's final rate
 * @param decay             the exponential schedule's factor per epoch
 * @param estimator         estimator name in the laplace registry
 * @param batchSize         batch size {@code M} of the estimator
 * @param partition         {@code random}, {@code grouped} (classification) or {@code contiguous}
 * @param hyperSteps        Adam steps per hyperparameter update
 * @param hyperLearningRate Adam rate of the hyperparameter steps
 * @param frequency         epochs between hyperparameter updates
 * @param burnIn            epochs before the first update
 * @param fixedPrior        whether the prior and σ stay at their initial values
 * @param seed              seed of initialisation, minibatch order and estimator batches
 */
public record MarglikSettings(int epochs, int trainBatchSize, String optimizer, double learningRate, double momentum,
                              String schedule, double minLearningRate, double decay, String estimator, int batchSize,
                              String partition, int hyperSteps, double hyperLearningRate, int frequency, int burnIn,
                              boolean fixedPrior, long seed) {

    /** These settings with the estimator's partition replaced by {@code name}. */
    public MarglikSettings withPartition(String name) {
        return new MarglikSettings(epochs, trainBatchSize, optimizer, learningRate, momentum, schedule, minLearningRate,
                decay, estimator, batchSize, name, hyperSteps, hyperLearningRate, frequency, burnIn, fixedPrior, seed);
    }

    /** Whether the hyperparameters are updated after epoch {@code e} (1-based). */
    public boolean updatesAfter(int epoch) {
        return !fixedPrior && hyperSteps > 0 && epoch > burnIn && (epoch - burnIn) % frequency == 0;
    }

    /** The number of hyperparameter steps the whole run will take. */
    public int totalHyperSteps() {
        int n = 0;
        for (int e = 1; e <= epochs; e++) {
            if (updatesAfter(e)) {
                n += hyperSteps;
            }
        }
        return n;
    }
}
