package org.jlaplace.bench.marglik;

import java.util.function.UnaryOperator;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.bench.data.Task;

/**
 * The MAP network's predictive quality on a data set: accuracy (classification) or RMSE
 * (regression), and the mean log-likelihood per datum {@code (1/N) Σ_n log p(y_n | f(x_n))}
 * (softmax, or Gaussian with noise {@code σ}; untempered).
 *
 * @param metric        accuracy in [0, 1] or RMSE
 * @param logLikelihood mean log-likelihood per datum
 */
public record Evaluation(double metric, double logLikelihood) {
    private static final int CHUNK = 1024;

    /** Evaluates {@code net} on {@code data}; NaNs for an empty set. */
    static Evaluation of(Sequential net, TrainingData data, double sigma) {
        return of(net::forward, data, sigma);
    }

    /**
     * Evaluates the outputs {@code [M, C]} that {@code predictor} gives for chunks of inputs
     * {@code [M, inputShape…]} of {@code data}; NaNs for an empty set.
     */
    static Evaluation of(UnaryOperator<Tensor> predictor, TrainingData data, double sigma) {
        if (data.n == 0) {
            return new Evaluation(Double.NaN, Double.NaN);
        }
        int c = data.outputs;
        double correct = 0;
        double[] regression = new double[2]; // Σ squared residuals, Σ Gaussian log-likelihood
        double ll = 0;
        for (int from = 0; from < data.n; from += CHUNK) {
            int to = Math.min(data.n, from + CHUNK);
            double[] f = predictor.apply(data.inputs(from, to)).toArray();
            for (int i = from; i < to; i++) {
                int o = (i - from) * c;
                if (data.task == Task.CLASSIFICATION) {
                    int best = argmax(f, o, c);
                    ll += logSoftmaxAt(f, o, c, f[o + best], data.labels[i]);
                    if (best == data.labels[i]) {
                        correct++;
                    }
                } else {
                    addGaussianTerms(data.y, i * c, f, o, c, sigma, regression);
                }
            }
        }
        double squares = regression[0];
        ll += regression[1];
        double metric = data.task == Task.CLASSIFICATION ? correct / data.n : Math.sqrt(squares / (data.n * (double) c));
        return new Evaluation(metric, ll / data.n);
    }

    // The per-example terms are methods of their own so that the JIT compiles them as often called
    // methods instead of replacing the example loop on the stack (again after each deoptimisation).

    /** The first index of the largest of {@code f[o…o+c)}. */
    private static int argmax(double[] f, int o, int c) {
        int best = 0;
        double max = f[o];
        for (int j = 1; j < c; j++) {
            if (f[o + j] > max) {
                max = f[o + j];
                best = j;
            }
        }
        return best;
    }

    /** {@code log softmax(f[o…o+c))[label]}, shifted by the largest logit {@code max}. */
    private static double logSoftmaxAt(double[] f, int o, int c, double max, int label) {
        double z = 0;
        for (int j = 0; j < c; j++) {
            z += Math.exp(f[o + j] - max);
        }
        return f[o + label] - max - Math.log(z);
    }

    /** Adds one example's squared residuals to {@code acc[0]} and its Gaussian log-likelihood terms to {@code acc[1]}. */
    private static void addGaussianTerms(double[] y, int yo, double[] f, int o, int c, double sigma, double[] acc) {
        for (int j = 0; j < c; j++) {
            double r = y[yo + j] - f[o + j];
            acc[0] += r * r;
            acc[1] += -0.5 * r * r / (sigma * sigma) - 0.5 * Math.log(2 * Math.PI * sigma * sigma);
        }
    }
}
