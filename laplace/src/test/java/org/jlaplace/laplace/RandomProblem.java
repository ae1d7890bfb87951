package org.jlaplace.laplace;

import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.LayerwisePrior;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.ScalarPrior;
import org.jlaplace.laplace.prior.DiagonalPrior;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random linearised model for property tests: explicit Jacobians, outputs, targets, MAP
 * parameters, a likelihood (both kinds) and a prior (all three structures), all drawn from one
 * seed.
 */
final class RandomProblem {
    final int n;
    final int c;
    final ParameterGroups groups;
    final ExplicitJacobians model;
    final double[] targets;
    final Likelihood likelihood;
    final Prior prior;
    final Random rng;

    private RandomProblem(long seed, boolean classification, String structure, int maxN) {
        rng = new Random(seed);
        n = 1 + rng.nextInt(maxN);
        c = classification ? 2 + rng.nextInt(2) : 1 + rng.nextInt(3);
        int g = 1 + rng.nextInt(3);
        int[] sizes = new int[g];
        for (int i = 0; i < g; i++) {
            sizes[i] = 1 + rng.nextInt(4);
        }
        groups = ParameterGroups.ofSizes(sizes);
        int p = groups.totalSize();
        double[] j = gaussian(n * c * p, 1.0);
        double[] f = gaussian(n * c, 1.5);
        double[] theta = gaussian(p, 1.0);
        model = new ExplicitJacobians(j, f, theta, groups, n, c);
        double temperature = new double[] {1.0, 0.5, 2.0}[rng.nextInt(3)];
        if (classification) {
            likelihood = new CategoricalLikelihood(c, temperature);
            targets = new double[n];
            for (int i = 0; i < n; i++) {
                targets[i] = rng.nextInt(c);
            }
        } else {
            likelihood = new GaussianLikelihood(c, Math.exp(rng.nextDouble() * 2 - 1), temperature);
            targets = gaussian(n * c, 1.0);
        }
        prior = switch (structure) {
            case "scalar" -> new ScalarPrior(logDelta());
            case "layerwise" -> new LayerwisePrior(logDeltas(g));
            default -> new DiagonalPrior(logDeltas(p));
        };
    }

    /** A problem with up to {@code maxN} data. */
    static RandomProblem of(long seed, boolean classification, String structure, int maxN) {
        return new RandomProblem(seed, classification, structure, maxN);
    }

    static RandomProblem of(long seed, boolean classification, String structure) {
        return of(seed, classification, structure, 7);
    }

    private double logDelta() {
        return rng.nextDouble() * 4 - 2;
    }

    private double[] logDeltas(int k) {
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = logDelta();
        }
        return d;
    }

    double[] gaussian(int k, double sd) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            v[i] = sd * rng.nextGaussian();
        }
        return v;
    }

    /**
     * Every registered estimator this problem can evaluate, read from the declarations: it
     * supports the likelihood and the prior, and needs no per-layer captures (the Jacobians here
     * are explicit, there is no network).
     */
    List<BoundEstimator<?>> applicableEstimators(long seed) {
        List<BoundEstimator<?>> out = new ArrayList<>();
        for (BoundEstimator<?> e : Estimators.all(seed)) {
            if (e.supports(likelihood, prior) && !e.needsLayerCaptures()) {
                out.add(e);
            }
        }
        return out;
    }

    MarginalLikelihood<?> with(BoundEstimator<?> estimator) {
        return Laplace.marginalLikelihood(model, targets, likelihood, prior, estimator);
    }

    MarginalLikelihood<?> with(String estimator) {
        return Laplace.marginalLikelihood(model, targets, likelihood, prior, estimator);
    }

    MarginalLikelihood<?> with(String estimator, Prior otherPrior) {
        return Laplace.marginalLikelihood(model, targets, likelihood, otherPrior, estimator);
    }

    double exact() {
        return with("exact").wholeData().logMarglik();
    }

    static String structure(int i) {
        return new String[] {"scalar", "layerwise", "diagonal"}[Math.floorMod(i, 3)];
    }
}
