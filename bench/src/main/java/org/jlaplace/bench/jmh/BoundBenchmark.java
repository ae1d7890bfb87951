package org.jlaplace.bench.jmh;

import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.MarginalLikelihood;
import org.jlaplace.laplace.NetworkModel;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.prior.Prior;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One batch's bound and its gradient in {@code log δ} (scalar or layerwise prior, softmax likelihood) on the
 * first 1000 digits (pixels/16): {@code mlp_small} = 64-32-10 tanh, {@code mlp_wide} =
 * 64-256-256-10 tanh; plus the exact value and gradient of {@code mlp_small} on all 1000 points.
 * Each invocation includes the batch's forward pass, kernels and Cholesky. The digits are the
 * copy embedded in the jar ({@link EmbeddedDigits}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BoundBenchmark {
    static final int ROWS = 1000;

    static Sequential network(String name) {
        int[] widths = switch (name) {
            case "mlp_small" -> new int[] {64, 32, 10};
            case "mlp_wide" -> new int[] {64, 256, 256, 10};
            default -> throw new IllegalArgumentException("BoundBenchmark: unknown model " + name);
        };
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            if (i > 0) {
                layers.add(Activation.tanh());
            }
            layers.add(new Linear(widths[i], widths[i + 1]));
        }
        return new Sequential(new Rng(17), new int[] {64}, layers.toArray(new Layer[0]));
    }

    /** One batch of the first {@code m} digits. */
    @State(Scope.Benchmark)
    public static class BatchState {
        @Param({"mlp_small", "mlp_wide"})
        public String model;
        @Param({"10", "50", "100", "250"})
        public int m;
        @Param({"kernel", "outputwise-diag"})
        public String estimator;
        /** {@code scalar}: one precision; {@code layerwise}: one per weight and bias tensor. */
        @Param({"scalar", "layerwise"})
        public String prior;

        MarginalLikelihood<?> marglik;
        int[] batch;

        @Setup
        public void setUp() {
            EmbeddedDigits d = EmbeddedDigits.first(ROWS);
            NetworkModel net = NetworkModel.of(network(model), d.x);
            marglik = Laplace.marginalLikelihood(net, d.labels, new CategoricalLikelihood(10),
                    Prior.of(prior, 1.0, net.groups()), estimator);
            batch = new int[m];
            for (int i = 0; i < m; i++) {
                batch[i] = i;
            }
        }
    }

    /** The exact value on all 1000 points with the small MLP. */
    @State(Scope.Benchmark)
    public static class ExactState {
        MarginalLikelihood<?> marglik;

        @Setup
        public void setUp() {
            EmbeddedDigits d = EmbeddedDigits.first(ROWS);
            marglik = Laplace.marginalLikelihood(NetworkModel.of(network("mlp_small"), d.x), d.labels,
                    new CategoricalLikelihood(10), Prior.scalar(1.0), "exact");
        }
    }

    /** The stochastic bound (5.1) on one batch with its gradients. */
    @Benchmark
    public BoundValue batchBound(BatchState s) {
        return s.marglik.estimate(s.batch);
    }

    /** The exact log marginal likelihood (3.1) and its gradient on all 1000 points. */
    @Benchmark
    public BoundValue exactSmallMlp(ExactState s) {
        return s.marglik.wholeData();
    }
}
