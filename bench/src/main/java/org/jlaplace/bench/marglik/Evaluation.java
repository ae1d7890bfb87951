package org.jlaplace.bench.marglik;

import org.jlaplace.autodiff.nn.Sequential;
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
        if (data.n == 0) {
            return new Evaluation(Double.NaN, Double.NaN);
        }
        int c = net.outputSize();
        double correct = 0;
        double squares = 0;
        double ll = 0;
        for (int from = 0; from < data.n; from += CHUNK) {
            int to = Math.min(data.n, from + CHUNK);
            double[] f = net.forward(data.inputs(from, to)).toArray();
            for (int i = from; i < to; i++) {
                int o = (i - from) * c;
                if (data.task == Task.CLASSIFICATION) {
                    int best = 0;
                    double max = f[o];
                    for (int j = 1; j < c; j++) {
                        if (f[o + j] > max) {
                            max = f[o + j];
                            best = j;
                        }
                    }
                    double z = 0;
                    for (int j = 0; j < c; j++) {
                        z += Math.exp(f[o + j] - max);
                    }
                    ll += f[o + data.labels[i]] - max - Math.log(z);
                    if (best == data.labels[i]) {
                        correct++;
                    }
                } else {
                    for (int j = 0; j < c; j++) {
                        double r = data.y[i * c + j] - f[o + j];
                        squares += r * r;
                        ll += -0.5 * r * r / (sigma * sigma) - 0.5 * Math.log(2 * Math.PI * sigma * sigma);
                    }
                }
            }
        }
        double metric = data.task == Task.CLASSIFICATION ? correct / data.n : Math.sqrt(squares / (data.n * (double) c));
        return new Evaluation(metric, ll / data.n);
    }
}
