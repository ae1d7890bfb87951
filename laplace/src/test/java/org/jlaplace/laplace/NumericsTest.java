package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken inputs give a clear error naming the matrix, never a NaN value. */
class NumericsTest {

    private static ExplicitJacobians withJacobianEntry(double v) {
        double[] j = {1.0, v, 0.5, 0.25};
        return new ExplicitJacobians(j, new double[] {0.1, 0.2}, new double[] {0.3, -0.1},
                ParameterGroups.ofSizes(2), 2, 1);
    }

    @Test
    void nonFiniteJacobiansRaiseANamedError() {
        for (BoundEstimator<?> e : Estimators.all()) {
            if (e.needsLayerCaptures()) {
                continue; // explicit Jacobians have no layers
            }
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                MarginalLikelihood<?> ml = Laplace.marginalLikelihood(withJacobianEntry(bad), new double[] {0, 1},
                        new GaussianLikelihood(1, 1.0), Prior.scalar(1.0), e);
                ArithmeticException ex = assertThrows(ArithmeticException.class, ml::wholeData, e.name());
                assertTrue(ex.getMessage().contains("not positive definite") || ex.getMessage().contains("non-finite"),
                        ex.getMessage());
            }
        }
    }

    @Test
    void notPositiveDefiniteNamesTheMatrixAndPivot() {
        MarginalLikelihood<?> ml = Laplace.marginalLikelihood(withJacobianEntry(Double.NaN), new double[] {0, 1},
                new GaussianLikelihood(1, 1.0), Prior.scalar(1.0), "kernel");
        NotPositiveDefiniteError e = assertThrows(NotPositiveDefiniteError.class, ml::wholeData);
        assertTrue(e.getMessage().contains("I + G") && e.getMessage().contains("pivot"), e.getMessage());
    }

    @Test
    void mismatchedTargetsAndModelsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Laplace.marginalLikelihood(withJacobianEntry(1.0), new double[] {0, 1, 2},
                        new GaussianLikelihood(1, 1.0), Prior.scalar(1.0), "kernel"));
        assertTrue(e.getMessage().contains("3 target values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Laplace.marginalLikelihood(withJacobianEntry(1.0), new double[] {0, 1},
                        new GaussianLikelihood(1, 1.0), Prior.scalar(1.0), "no-such-bound"));
        assertTrue(e.getMessage().contains("no-such-bound"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Laplace.marginalLikelihood(withJacobianEntry(1.0), new double[] {0, 1},
                        new GaussianLikelihood(1, 1.0), Prior.layerwise(1.0, 2.0), "kernel"));
        assertTrue(e.getMessage().contains("has 2 precisions"), e.getMessage());
    }
}
