package org.jlaplace.laplace.predictive;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.internal.SpdFactor;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The NN-sampling predictive: draws {@code θ_s = θ* + L⁻ᵀ z_s}, {@code z_s ~ N(0, I)}, from the
 * Laplace posterior {@code N(θ*, (P0 + H)⁻¹)} ({@code P0 + H = L Lᵀ}) and evaluates the network
 * itself (not its linearisation) at each sample. The network's parameters are restored after
 * every call.
 */
public final class NnSamplingPredictive {
    private final Sequential network;
    private final double[] map;
    private final SpdFactor factor;

    private NnSamplingPredictive(Sequential network, double[] map, SpdFactor factor) {
        this.network = network;
        this.map = map;
        this.factor = factor;
    }

    /** Factors {@code P0 + H} with the GGN on all of {@code train} (the network at θ*). */
    public static NnSamplingPredictive fit(Sequential network, LinearizedModel train, Likelihood likelihood,
                                           Prior prior) {
        int n = train.dataSize();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        int p = train.groups().totalSize();
        double[] h = Ggn.full(train.batch(all), likelihood);
        double[] delta = prior.precisionPerParameter(train.groups());
        for (int i = 0; i < p; i++) {
            h[i * p + i] += delta[i];
        }
        return new NnSamplingPredictive(network, network.flatParameters().toArray(),
                SpdFactor.ofInPlace(h, p, "NN-sampling predictive: P0 + H"));
    }

    /** One posterior sample of the parameters. */
    public double[] sampleParameters(Rng rng) {
        int p = map.length;
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] d = factor.solveLowerTransposed(z, 1);
        for (int i = 0; i < p; i++) {
            d[i] += map[i];
        }
        return d;
    }

    /** The network outputs at {@code x} for each of {@code samples} posterior samples: {@code S×M×C}. */
    public double[] sampleOutputs(Tensor x, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("NN-sampling predictive: samples must be ≥ 1, got " + samples);
        }
        Rng rng = new Rng(seed);
        int m = x.dim(0);
        int c = network.outputSize();
        double[] out = new double[samples * m * c];
        try {
            for (int s = 0; s < samples; s++) {
                network.setFlatParameters(Tensor.of(sampleParameters(rng), map.length));
                System.arraycopy(network.forward(x).toArray(), 0, out, s * m * c, m * c);
            }
        } finally {
            network.setFlatParameters(Tensor.copyOf(map, map.length));
        }
        return out;
    }

    /** Class probabilities: the mean of {@code softmax(f(x; θ_s))} over samples, {@code M×C}. */
    public double[] classProbabilities(Tensor x, int samples, long seed) {
        int m = x.dim(0);
        int c = network.outputSize();
        double[] f = sampleOutputs(x, samples, seed);
        double[] p = new double[m * c];
        for (int s = 0; s < samples; s++) {
            double[] probs = org.jlaplace.laplace.likelihood.CategoricalLikelihood.softmax(
                    java.util.Arrays.copyOfRange(f, s * m * c, (s + 1) * m * c), m, c);
            for (int i = 0; i < p.length; i++) {
                p[i] += probs[i] / samples;
            }
        }
        return p;
    }
}
