package org.jlaplace.laplace.invariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.autodiff.Var;
import org.jlaplace.autodiff.augment.AffineAugmentation;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.AugmentedJacobians;
import org.jlaplace.autodiff.augment.AugmentedModel;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.BoundValue;
import org.jlaplace.laplace.ExplicitJacobians;
import org.jlaplace.laplace.Laplace;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * The augmented kernel bound: its value and its log δ / log σ gradients equal the laplace
 * module's kernel estimator on the augmented model's Jacobians, and its gradient in the extents η
 * (second-order AD) equals central differences of the bound with the same noise.
 */
class AugmentedKernelBoundTest {

    /** A random small problem: a network on 5×5 one-channel images, M inputs, S samples. */
    record Problem(AugmentedModel model, Tensor x, double[] targets, Tensor noise, double[] eta, Likelihood likelihood,
                   Prior prior) {
    }

    private static Sequential network(SplittableRandom r, int outputs) {
        Rng init = new Rng(r.nextLong());
        if (r.nextBoolean()) {
            return new Sequential(init, new int[] {25}, new Linear(25, 4), Activation.tanh(),
                new Linear(4, outputs));
        }
        return new Sequential(init, new int[] {1, 5, 5}, new Conv2d(1, 2, 3, 1, 1, true),
            Activation.tanh(), new Flatten(), new Linear(50, outputs));
    }

    static Problem random(SplittableRandom r, boolean classification) {
        int outputs = classification ? 2 + r.nextInt(2) : 1 + r.nextInt(2);
        List<AffineGenerator> gens = r.nextBoolean() ? List.of(AffineGenerator.ROTATION)
            : List.of(AffineGenerator.ROTATION, AffineGenerator.TRANSLATION_X, AffineGenerator.SCALE);
        AffineAugmentation aug = new AffineAugmentation(gens, 1 + r.nextInt(3));
        AugmentedModel model = new AugmentedModel(network(r, outputs), aug, new int[] {1, 5, 5});
        int m = 2 + r.nextInt(3);
        double[] x = new double[m * 25];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        double[] targets = new double[classification ? m : m * outputs];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = classification ? r.nextInt(outputs) : r.nextGaussian();
        }
        double[] eta = new double[gens.size()];
        for (int i = 0; i < eta.length; i++) {
            eta[i] = 0.1 + r.nextDouble();
        }
        Likelihood lik = classification ? new CategoricalLikelihood(outputs, 0.5 + r.nextDouble())
            : new GaussianLikelihood(outputs, 0.3 + r.nextDouble());
        int groups = model.network().parameters().size();
        double[] deltas = new double[groups];
        for (int g = 0; g < groups; g++) {
            deltas[g] = 0.2 + 3 * r.nextDouble();
        }
        Prior prior = r.nextBoolean() ? Prior.scalar(deltas[0]) : Prior.layerwise(deltas);
        Tensor noise = aug.sampleNoise(new Rng(r.nextLong()), m);
        return new Problem(model, Tensor.of(x, m, 25), targets, noise, eta, lik, prior);
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * (1 + Math.abs(expected)), what);
    }

    @Test
    void equalsTheLaplaceKernelEstimatorOnTheAugmentedJacobians() {
        // every example checks each likelihood kind with each kernel structure (the full kernel of a
        // categorical likelihood takes the thin softmax factor)
        qt().withExamples(5).withFixedSeed(20261129L).forAll(longs().all()).checkAssert(seed -> {
            for (int kase = 0; kase < 4; kase++) {
                checkAgainstTheLaplaceEstimator(new SplittableRandom(seed), kase % 2 == 0,
                    KernelStructure.values()[kase / 2]);
            }
        });
    }

    private static void checkAgainstTheLaplaceEstimator(SplittableRandom r, boolean classification,
                                                        KernelStructure structure) {
        Problem p = random(r, classification);
        int m = p.x().dim(0);
        AugmentedJacobians jac = AugmentedJacobians.of(p.model(), Var.of(p.x()),
            Var.of(Tensor.copyOf(p.eta(), p.eta().length)), p.noise());
        AugmentedKernelBound bound = new AugmentedKernelBound(p.model(), m, structure);
        ExplicitJacobians explicit = new ExplicitJacobians(jac.jacobian().value().toArray(),
            jac.output().value().toArray(), p.model().network().flatParameters().toArray(), bound.groups(), m,
            p.likelihood().outputs());
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        BoundValue expected = Laplace.marginalLikelihood(explicit, p.targets(), p.likelihood(), p.prior(),
            structure.estimatorName())
            .estimate(all);
        BoundValue got = bound.evaluate(p.x(), p.targets(), p.eta(), p.noise(), p.likelihood(), p.prior()).value();
        assertRelative(expected.logMarglik(), got.logMarglik(), 1e-10, "log marglik");
        assertRelative(expected.logLikelihood(), got.logLikelihood(), 1e-10, "log likelihood");
        assertRelative(expected.logDetRatio(), got.logDetRatio(), 1e-10, "log det ratio");
        assertRelative(expected.logPrior(), got.logPrior(), 1e-10, "log prior");
        for (int k = 0; k < expected.gradLogPrecision().length; k++) {
            assertRelative(expected.gradLogPrecision()[k], got.gradLogPrecision()[k], 1e-9, "∂/∂log δ_" + k);
        }
        assertRelative(expected.gradLogSigma(), got.gradLogSigma(), 1e-9, "∂/∂log σ");
    }

    @Test
    void gradientInTheExtentsMatchesCentralDifferencesWithCommonRandomNumbers() {
        qt().withExamples(3).withFixedSeed(20261129L).forAll(longs().all()).checkAssert(seed -> {
            for (int kase = 0; kase < 4; kase++) {
                checkExtentGradient(new SplittableRandom(seed), kase % 2 == 0, KernelStructure.values()[kase / 2]);
            }
        });
    }

    private static void checkExtentGradient(SplittableRandom r, boolean classification, KernelStructure structure) {
        Problem p = random(r, classification);
        AugmentedKernelBound bound = new AugmentedKernelBound(p.model(), 10 * p.x().dim(0), structure);
        double[] grad = bound.evaluate(p.x(), p.targets(), p.eta(), p.noise(), p.likelihood(), p.prior()).gradEta();
        for (int i = 0; i < p.eta().length; i++) {
            // Bilinear sampling is piecewise smooth: a step can straddle a pixel boundary, so
            // the gradient must match the differences of at least one of two small steps.
            double best = Double.POSITIVE_INFINITY;
            double closest = Double.NaN;
            for (double h : new double[] {1e-6, 3e-7}) {
                double[] plus = p.eta().clone();
                double[] minus = p.eta().clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (bound.value(p.x(), p.targets(), plus, p.noise(), p.likelihood(), p.prior())
                    - bound.value(p.x(), p.targets(), minus, p.noise(), p.likelihood(), p.prior())) / (2 * h);
                if (Math.abs(fd - grad[i]) < best) {
                    best = Math.abs(fd - grad[i]);
                    closest = fd;
                }
            }
            assertRelative(closest, grad[i], 2e-5, "∂L/∂η_" + i + " (" + p.model().augmentation().generators().get(i).label() + ")");
        }
    }

    @Test
    void badTargetsAreRejected() {
        Problem p = random(new SplittableRandom(5), true);
        AugmentedKernelBound bound = new AugmentedKernelBound(p.model(), 10);
        double[] wrong = p.targets().clone();
        wrong[0] = p.likelihood().outputs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
            bound.evaluate(p.x(), wrong, p.eta(), p.noise(), p.likelihood(), p.prior()));
        assertTrue(e.getMessage().contains("target 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AugmentedKernelBound(p.model(), 0));
    }
}
