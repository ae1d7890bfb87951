package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hyper-steps on a prepared bound reuse the batch kernels: no Jacobian work after preparing. */
class PreparedBoundTest {

    /** Counts every request for Jacobian-derived quantities. */
    private static final class CountingModel implements LinearizedModel {
        final ExplicitJacobians inner;
        final AtomicInteger requests = new AtomicInteger();

        CountingModel(ExplicitJacobians inner) {
            this.inner = inner;
        }

        @Override
        public int dataSize() {
            return inner.dataSize();
        }

        @Override
        public int outputs() {
            return inner.outputs();
        }

        @Override
        public ParameterGroups groups() {
            return inner.groups();
        }

        @Override
        public double[] parameters() {
            return inner.parameters();
        }

        @Override
        public JacobianBatch batch(int[] indices) {
            requests.incrementAndGet();
            JacobianBatch b = inner.batch(indices);
            return new JacobianBatch() {
                @Override
                public int size() {
                    return b.size();
                }

                @Override
                public int outputs() {
                    return b.outputs();
                }

                @Override
                public ParameterGroups groups() {
                    return b.groups();
                }

                @Override
                public double[] predictions() {
                    return b.predictions();
                }

                @Override
                public double[] weightedJacobian(double[] a, int r) {
                    requests.incrementAndGet();
                    return b.weightedJacobian(a, r);
                }
            };
        }
    }

    @Test
    void changingPrecisionsOrSigmaDoesNotRecomputeJacobians() {
        RandomProblem pr = RandomProblem.of(42, false, "layerwise", 8);
        CountingModel model = new CountingModel(pr.model);
        for (BoundEstimator<?> e : Estimators.all()) {
            if (e.needsLayerCaptures()) {
                continue; // needs a network
            }
            String name = e.name();
            PreparedBound<?> prepared = Laplace.marginalLikelihood(model, pr.targets, pr.likelihood, pr.prior, name)
                    .preparePartition(Partition.contiguous(pr.n, 2));
            int before = model.requests.get();
            Likelihood other = ((GaussianLikelihood) pr.likelihood).withSigma(2.5);
            double[] logs = pr.prior.logPrecisions();
            logs[0] += 0.7;
            Prior moved = pr.prior.withLogPrecisions(logs);
            double v1 = prepared.evaluate(pr.likelihood, pr.prior).logMarglik();
            double v2 = prepared.evaluate(other, moved).logMarglik();
            assertEquals(before, model.requests.get(), name + " recomputed Jacobian quantities");
            assertNotEquals(v1, v2, name);
        }
    }

    @Test
    void changingStructureOrTemperatureIsRejected() {
        RandomProblem pr = RandomProblem.of(3, false, "scalar", 5);
        PreparedBound<?> prepared = pr.with("kernel").preparePartition(Partition.contiguous(pr.n, pr.n));
        GaussianLikelihood g = (GaussianLikelihood) pr.likelihood;
        assertThrows(IllegalArgumentException.class, () -> prepared.evaluate(
                new GaussianLikelihood(g.outputs(), g.sigma(), g.temperature() * 3), pr.prior));
        assertThrows(IllegalArgumentException.class, () -> prepared.evaluate(pr.likelihood,
                Prior.of("layerwise", 1.0, pr.groups)));
    }
}
