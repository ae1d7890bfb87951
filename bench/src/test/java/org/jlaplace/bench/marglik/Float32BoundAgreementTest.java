package org.jlaplace.bench.marglik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Losses;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.optim.Adam;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.EmbeddedDatasets;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * The kernel bound and its hyper-gradients with the network's passes in float32 agree with the
 * float64 ones to 1e-4 relative at the same (float-representable) parameters and inputs: on the
 * embedded digits with the default MLP (trained a little, so the parameters are not the
 * initialisation), and on an MNIST-sized CNN ({@code cnn:16-32:128-10} on 1×28×28 images).
 */
class Float32BoundAgreementTest {
    private static final double TOL = 1e-4;

    @Test
    void digitsWithTheDefaultMlp() {
        Dataset digits = EmbeddedDatasets.load("digits", 0);
        int n = digits.size();
        double[] flat = digits.flatInputs().clone();
        for (int i = 0; i < flat.length; i++) {
            flat[i] /= 16.0;
        }
        Tensor x = Tensor.of(flat, n, 64);
        double[] labels = new double[n];
        int[] intLabels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = digits.label(i);
            intLabels[i] = digits.label(i);
        }
        Sequential net = new Sequential(new Rng(0), new int[] {64}, new Linear(64, 32), Activation.tanh(), new Linear(32, 10));
        train(net, x, intLabels, 150);
        net.roundParametersToFloat32();
        assertAgree(net, x, labels, Prior.layerwise(0.4, 1.6, 2.7, 7.4), 3);
    }

    @Test
    void anMnistSizedCnn() {
        int n = 200;
        Rng rng = new Rng(4);
        double[] pixels = rng.uniform(0, 1, n, 1, 28, 28).toArray();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) pixels[i];
        }
        Tensor x = Tensor.of(pixels, n, 1, 28, 28);
        double[] labels = new double[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
        }
        Sequential net = new Sequential(new Rng(3), new int[] {1, 28, 28},
                new Conv2d(1, 16, 3, 1, 1, true), Activation.relu(), new MaxPool2d(2, 2),
                new Conv2d(16, 32, 3, 1, 1, true), Activation.relu(), new MaxPool2d(2, 2), new Flatten(),
                new Linear(32 * 7 * 7, 128), Activation.relu(), new Linear(128, 10));
        net.roundParametersToFloat32();
        assertAgree(net, x, labels, Prior.layerwise(1, 2.7, 1.6, 0.6, 7.4, 1, 2.7, 0.4), 1);
    }

    /** Bound values and hyper-gradients of {@code batches} random batches of 100, float32 against float64. */
    private static void assertAgree(Sequential net, Tensor x, double[] labels, Prior prior, int batches) {
        CategoricalLikelihood lik = new CategoricalLikelihood(10);
        MarginalLikelihood<?> m64 = Laplace.marginalLikelihood(NetworkModel.of(net, x, Dtype.FLOAT64), labels, lik, prior,
                Estimators.byName("kernel", 1));
        MarginalLikelihood<?> m32 = Laplace.marginalLikelihood(NetworkModel.of(net, x, Dtype.FLOAT32), labels, lik, prior,
                Estimators.byName("kernel", 1));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int b = 0; b < batches; b++) {
            int[] batch = rnd.ints(0, x.dim(0)).distinct().limit(100).sorted().toArray();
            BoundValue v64 = m64.prepareEstimate(batch).evaluate(lik, prior);
            BoundValue v32 = m32.prepareEstimate(batch).evaluate(lik, prior);
            assertEquals(v64.logMarglik(), v32.logMarglik(), TOL * Math.abs(v64.logMarglik()), "bound of batch " + b);
            double[] g64 = v64.gradLogPrecision();
            double[] g32 = v32.gradLogPrecision();
            double scale = 0;
            for (double g : g64) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0);
            for (int k = 0; k < g64.length; k++) {
                assertEquals(g64[k], g32[k], TOL * scale, "hyper-gradient " + k + " of batch " + b);
            }
        }
    }

    /** A few Adam steps in float64 on minibatches of 64, so the parameters are trained ones. */
    private static void train(Sequential net, Tensor x, int[] labels, int steps) {
        Adam adam = new Adam(3e-3);
        SplittableRandom rnd = new SplittableRandom(2);
        for (int s = 0; s < steps; s++) {
            int[] rows = rnd.ints(0, x.dim(0)).limit(64).toArray();
            int[] y = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                y[i] = labels[rows[i]];
            }
            Trace t = net.trace(x.indexSelect(0, rows));
            Losses.LossAndGradient lg = Losses.crossEntropy(t.output(), y, Losses.Reduction.MEAN);
            List<Tensor> grads = t.backward(lg.gradient());
            adam.stepParameters(net.parameters(), grads);
        }
    }
}
