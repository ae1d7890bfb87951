package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered estimator's declarations are truthful: each one is checked against what the
 * estimator does, in both directions where the property can be observed.
 */
class EstimatorDeclarationsTest {
    private static final double TOL = 1e-9;

    @Test
    void theRegistryKeyIsTheName() {
        Set<String> seen = new HashSet<>();
        for (BoundEstimator<?> e : Estimators.all()) {
            assertTrue(seen.add(e.name()), "duplicate " + e.name());
            assertEquals(e.name(), Estimators.byName(e.name()).name());
        }
        assertEquals(Estimators.names(), Estimators.all().stream().map(BoundEstimator::name).toList());
    }

    /** Declared exact on one batch ⇒ equal to exact every time; not declared ⇒ differs on some problem. */
    @Test
    void exactOnWholeDataIsDeclaredExactlyWhenItHolds() {
        Set<String> differed = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            RandomProblem pr = RandomProblem.of(seed, seed % 2 == 0, RandomProblem.structure((int) seed), 6);
            double exact = pr.exact();
            for (BoundEstimator<?> e : pr.applicableEstimators(seed)) {
                double v = pr.with(e).wholeData().logMarglik();
                if (e.isExactOnWholeData()) {
                    assertEquals(exact, v, TOL * (1 + Math.abs(exact)), e.name() + " seed " + seed);
                } else if (Math.abs(v - exact) > 1e-6 * (1 + Math.abs(exact))) {
                    differed.add(e.name());
                }
            }
        }
        for (BoundEstimator<?> e : Estimators.all()) {
            if (!e.isExactOnWholeData() && !e.needsLayerCaptures()) {
                assertTrue(differed.contains(e.name()), e.name() + " never differed from exact: declare it exact");
            }
        }
    }

    /** Declared stochastic ⇔ the value depends on the registry seed. */
    @Test
    void stochasticIsDeclaredExactlyWhenTheSeedMatters() {
        RandomProblem pr = RandomProblem.of(11, true, "scalar", 6);
        Partition part = Partition.contiguous(pr.n, Math.max(1, pr.n / 2));
        for (BoundEstimator<?> e : pr.applicableEstimators(0)) {
            Set<Double> values = new HashSet<>();
            for (long seed = 0; seed < 8; seed++) {
                values.add(pr.with(Estimators.byName(e.name(), seed)).partitionBound(part).logMarglik());
            }
            assertEquals(e.isStochastic(), values.size() > 1, e.name() + " gave " + values);
        }
    }

    /** Declared whole-data ⇒ partitions are ignored and a sub-batch estimate is refused; else sub-batches work. */
    @Test
    void wholeDataOnlyIsDeclaredExactlyWhenBatchesAreRefused() {
        RandomProblem pr = RandomProblem.of(5, false, "layerwise", 8);
        while (pr.n < 3) {
            pr = RandomProblem.of(pr.n + 100, false, "layerwise", 8);
        }
        RandomProblem problem = pr;
        for (BoundEstimator<?> e : problem.applicableEstimators(0)) {
            MarginalLikelihood<?> ml = problem.with(e);
            int[] firstTwo = {0, 1};
            if (e.requiresWholeData()) {
                assertEquals(ml.wholeData().logMarglik(), ml.partitionBound(Partition.contiguous(problem.n, 1))
                        .logMarglik(), TOL, e.name());
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ml.estimate(firstTwo));
                assertTrue(ex.getMessage().contains(e.name()), ex.getMessage());
            } else {
                assertTrue(Double.isFinite(ml.estimate(firstTwo).logMarglik()), e.name());
            }
        }
    }

    /**
     * Supported priors are accepted and give a finite value on a network; the others are refused
     * with a message naming the estimator and the structure. Layer captures are refused by an
     * explicit-Jacobian model exactly when declared needed.
     */
    @Test
    void priorSupportAndLayerCapturesAreDeclaredTruthfully() {
        Sequential net = SmallNetworks.mlp(3, 3, 4, 2);
        Tensor x = SmallNetworks.inputs(3, net, 5);
        NetworkModel model = NetworkModel.of(net, x);
        ExplicitJacobians explicit = SmallNetworks.explicit(net, x);
        double[] y = {0, 1, 1, 0, 1};
        CategoricalLikelihood lik = new CategoricalLikelihood(2);
        for (BoundEstimator<?> e : Estimators.all()) {
            for (PriorStructure s : PriorStructure.values()) {
                Prior prior = Prior.of(s, 0.7, model.groups());
                if (e.supportedPriors().contains(s)) {
                    double v = Laplace.marginalLikelihood(model, y, lik, prior, e).wholeData().logMarglik();
                    assertTrue(Double.isFinite(v), e.name() + " " + s);
                } else {
                    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                            () -> Laplace.marginalLikelihood(model, y, lik, prior, e));
                    assertTrue(ex.getMessage().contains(e.name()) && ex.getMessage().contains(s.cliName()),
                            ex.getMessage());
                }
            }
            Prior scalar = Prior.scalar(0.7);
            if (e.needsLayerCaptures()) {
                assertThrows(UnsupportedOperationException.class,
                        () -> Laplace.marginalLikelihood(explicit, y, lik, scalar, e).wholeData(), e.name());
            } else {
                // Fresh instances: a stochastic estimator draws the same outputs on both sides.
                assertEquals(Laplace.marginalLikelihood(model, y, lik, scalar, Estimators.byName(e.name())).wholeData()
                        .logMarglik(), Laplace.marginalLikelihood(explicit, y, lik, scalar, Estimators.byName(e.name()))
                        .wholeData().logMarglik(), 1e-8, e.name());
            }
        }
    }
}
