package org.jlaplace.bench.marglik;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.model.FlatInputs;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.predictive.Link;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.predictive.PredictivePosterior;
import org.jlaplace.laplace.prior.Prior;

/**
 * The test log-likelihood of the linearised-Laplace (GLM) predictive of a trained network, as
 * {@code marglik} reports it at the end of a run.
 */
public final class GlmTestLikelihood {
    /** Test inputs per GLM-predictive batch (bounds the {@code M·C×P} test Jacobian). */
    private static final int PREDICTIVE_CHUNK = 64;

    /** Largest network for which the automatic choice factors the full posterior ({@code P×P} or {@code NC×NC}). */
    public static final int FULL_PREDICTIVE_MAX_PARAMETERS = 4000;

    private GlmTestLikelihood() {
    }

    /**
     * The posterior structure the automatic choice uses for {@code net} and {@code prior}: FULL up
     * to {@link #FULL_PREDICTIVE_MAX_PARAMETERS} parameters; beyond, KRON (every parametric layer
     * is Linear or Conv2d) when the prior has one precision per parameter group (scalar,
     * layerwise), else DIAGONAL.
     */
    public static PosteriorStructure automaticStructure(Sequential net, Prior prior) {
        if (net.numParameters() <= FULL_PREDICTIVE_MAX_PARAMETERS) {
            return PosteriorStructure.FULL;
        }
        return prior.hyperparameterOfGroup(FlatInputs.groupsOf(net)) != null ? PosteriorStructure.KRON
                : PosteriorStructure.DIAGONAL;
    }

    /**
     * The mean test log-likelihood per datum of the GLM predictive (MATHEMATICS.md §8) at the network's
     * current parameters: {@code (1/N*) Σ_n log p̂(y_n)} with the probit approximation
     * {@code p̂ = softmax(f_* / √(1 + π/8·diag Σ_*))} for classification, or the Gaussian
     * {@code N(y; f_*, diag Σ_* + σ²)} for regression. The posterior of the given structure
     * ({@link PredictivePosterior#fit}) is fitted once on all training data; NaN without test data.
     */
    public static double of(Sequential net, Dataset train, Dataset test, Likelihood likelihood, Prior prior,
                            PosteriorStructure structure) {
        return of(net, train, test, likelihood, prior, structure, Link.probit());
    }

    /**
     * {@link #of(Sequential, Dataset, Dataset, Likelihood, Prior, PosteriorStructure)} with the class
     * probabilities of {@code link} (probit, Monte Carlo or Laplace bridge; regression ignores it).
     * Monte Carlo draws an independent stream for each batch of test inputs.
     */
    public static double of(Sequential net, Dataset train, Dataset test, Likelihood likelihood, Prior prior,
                            PosteriorStructure structure, Link link) {
        TrainingData tr = new TrainingData(train);
        TrainingData te = new TrainingData(test);
        if (te.n == 0) {
            return Double.NaN;
        }
        PredictivePosterior glm = PredictivePosterior.fit(FlatInputs.linearized(net, tr.x, tr.n), likelihood, prior,
                structure);
        LinearizedModel onTest = FlatInputs.linearized(net, te.x, te.n);
        int c = te.outputs;
        double ll = 0;
        for (int from = 0; from < te.n; from += PREDICTIVE_CHUNK) {
            int[] rows = new int[Math.min(te.n, from + PREDICTIVE_CHUNK) - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            PredictiveDistribution pd = glm.predict(onTest.batch(rows));
            if (te.task == Task.CLASSIFICATION) {
                double[] prob = link.forBatch(from / PREDICTIVE_CHUNK).probabilities(pd);
                for (int i = 0; i < rows.length; i++) {
                    ll += Math.log(prob[i * c + te.labels[rows[i]]]);
                }
            } else {
                double[] var = pd.regressionVariance(((GaussianLikelihood) likelihood).sigma());
                double[] mean = pd.mean();
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < c; j++) {
                        double r = te.y[rows[i] * c + j] - mean[i * c + j];
                        double v = var[i * c + j];
                        ll += -0.5 * r * r / v - 0.5 * Math.log(2 * Math.PI * v);
                    }
                }
            }
        }
        return ll / te.n;
    }
}
