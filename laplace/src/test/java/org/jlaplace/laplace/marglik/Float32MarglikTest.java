package org.jlaplace.laplace.marglik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.PartitionScheme;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * {@link MarglikConfig#dtype()} float32 against float64 on tiny problems with the same seed: the
 * runs take the same steps, so the per-epoch losses, the learned precisions (and σ) and the final
 * parameters agree to float32 rounding; the parameters are float32 values throughout; a float32
 * overflow names the epoch, the step and the tensor.
 */
class Float32MarglikTest {
    private static final int N = 40;

    private static Sequential network(int outputs) {
        return new Sequential(new Rng(2), new int[] {5}, new Linear(5, 7), Activation.tanh(), new Linear(7, outputs));
    }

    private static MarglikConfig.Builder base(Dtype dtype) {
        return MarglikConfig.builder().epochs(6).batchSize(8).optimizer(NetworkOptimizer.adam(0.01, new RateSchedule.Cosine(1e-4)))
                .hyperSchedule(new HyperStepSchedule(1, 2, 2)).hyperLearningRate(0.1).boundBatchSize(10)
                .partition(PartitionScheme.RANDOM).seed(3).dtype(dtype);
    }

    private static MarglikResult run(Dtype dtype, Sequential net, Tensor x, double[] y, Likelihood lik) {
        return new MarglikOptimizer(base(dtype).build()).train(net, x, y, lik, Prior.layerwise(1, 1, 1, 1), null);
    }

    private static void assertRunsAgree(Tensor x, double[] y, Likelihood lik, int outputs) {
        Sequential n32 = network(outputs);
        Sequential n64 = network(outputs);
        MarglikResult r32 = run(Dtype.FLOAT32, n32, x, y, lik);
        MarglikResult r64 = run(Dtype.FLOAT64, n64, x, y, lik);
        assertEquals(r64.history().size(), r32.history().size());
        for (int e = 0; e < r64.history().size(); e++) {
            EpochReport a = r64.history().get(e);
            EpochReport b = r32.history().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-4 * Math.abs(a.trainLoss()), "loss of epoch " + (e + 1));
            for (int k = 0; k < a.priorPrecisions().length; k++) {
                assertEquals(a.priorPrecisions()[k], b.priorPrecisions()[k], 1e-4 * a.priorPrecisions()[k],
                        "precision " + k + " after epoch " + (e + 1));
            }
        }
        assertTrue(r32.history().get(r32.history().size() - 1).priorPrecisions()[0] != 1.0, "hyper-steps moved δ");
        if (lik instanceof GaussianLikelihood) {
            assertEquals(r64.history().get(5).sigma(), r32.history().get(5).sigma(), 1e-4 * r64.history().get(5).sigma());
        }
        for (int k = 0; k < n32.parameters().size(); k++) {
            double[] a = n64.parameters().get(k).value().toArray();
            double[] b = n32.parameters().get(k).value().toArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], (double) (float) b[i], 0.0, "float32 run parameters are float32 values");
                assertEquals(a[i], b[i], 1e-3 * (Math.abs(a[i]) + 0.1), n32.parameters().get(k).name() + " entry " + i);
            }
        }
    }

    @Test
    void classificationRunsAgreeWithFloat64() {
        Rng rng = new Rng(1);
        Tensor x = rng.normal(0, 1, N, 5);
        double[] y = new double[N];
        double[] xv = x.toArray();
        for (int i = 0; i < N; i++) {
            y[i] = xv[i * 5] + xv[i * 5 + 1] > 0 ? 1 : (xv[i * 5 + 2] > 0 ? 2 : 0);
        }
        assertRunsAgree(x, y, new CategoricalLikelihood(3), 3);
    }

    @Test
    void regressionRunsAgreeWithFloat64() {
        Rng rng = new Rng(2);
        Tensor x = rng.normal(0, 1, N, 5);
        double[] y = new double[N];
        double[] xv = x.toArray();
        for (int i = 0; i < N; i++) {
            y[i] = Math.sin(xv[i * 5]) + 0.1 * xv[i * 5 + 1];
        }
        assertRunsAgree(x, y, new GaussianLikelihood(1, 0.5, 1.0), 1);
    }

    @Test
    void anOverflowNamesEpochStepAndTensor() {
        Rng rng = new Rng(1);
        // Layer 0's outputs are finite in float64 (about 1e40) and beyond float32's 3.4e38; ReLU passes +∞ on.
        Tensor x = rng.normal(0, 1, N, 5).mul(1e30);
        double[] y = new double[N];
        Sequential net = new Sequential(new Rng(2), new int[] {5}, new Linear(5, 7), Activation.relu(), new Linear(7, 1));
        net.parameters().get(0).set(Tensor.full(1e10, 7, 5));
        MarglikConfig config = base(Dtype.FLOAT32).build();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> new MarglikOptimizer(config)
                .train(net, x, y, new GaussianLikelihood(1, 1.0, 1.0), Prior.layerwise(1, 1, 1, 1), null));
        assertEquals("float32 overflow or NaN at epoch 1, step 1: output of layer 0 (Linear(5, 7, bias=true))", e.getMessage());
    }

    @Test
    void invarianceLearningIsFloat64Only() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base(Dtype.FLOAT32)
                .estimator("kernel").invariance(new InvarianceLearning(List.of(AffineGenerator.ROTATION), 2, true, 0.2,
                        0.1, new int[] {1, 2, 2})).build());
        assertTrue(e.getMessage().contains("float64 only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base(null).build());
    }
}
