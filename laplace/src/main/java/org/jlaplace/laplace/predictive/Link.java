package org.jlaplace.laplace.predictive;

import java.util.Locale;

/**
 * How the Gaussian logits {@code f ~ N(μ_n, Σ_n)} of the GLM predictive become class
 * probabilities {@code p(y = k | x_n) ≈ E[softmax(f)_k]} (the {@code link_approx} choices of
 * laplace-torch). A sealed set of typed choices:
 * <ul>
 *   <li>{@link Probit}: {@code softmax(μ / √(1 + π/8·diag Σ))}, deterministic;</li>
 *   <li>{@link MonteCarlo}: the average of {@code softmax(f)} over {@code samples} draws of
 *       {@code f} from the full {@code C×C} covariance, reproducible from {@code seed};</li>
 *   <li>{@link Bridge}: the mean of the Laplace-bridge Dirichlet ({@link LaplaceBridge}).</li>
 * </ul>
 */
public sealed interface Link permits Link.Probit, Link.MonteCarlo, Link.Bridge {

    /** The class probabilities of the predictive, {@code M×C}. */
    double[] probabilities(PredictiveDistribution predictive);

    /** The command-line spelling: {@code probit}, {@code mc}, {@code bridge}. */
    String cliName();

    /**
     * The same link for batch {@code batch} of a larger set evaluated batch by batch: Monte Carlo
     * draws from an independent stream per batch (so batches do not reuse each other's draws);
     * deterministic links are unchanged.
     */
    default Link forBatch(long batch) {
        return this;
    }

    /** The probit approximation (the default). */
    static Link probit() {
        return new Probit();
    }

    /** Monte Carlo with {@code samples} draws per datum from the random stream {@code seed}. */
    static Link monteCarlo(int samples, long seed) {
        return new MonteCarlo(samples, seed);
    }

    /** The Laplace bridge. */
    static Link bridge() {
        return new Bridge();
    }

    /**
     * The link of a command-line name ({@code probit|mc|bridge}, case-insensitive); {@code samples}
     * and {@code seed} are used by {@code mc} only.
     */
    static Link parse(String name, int samples, long seed) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "probit" -> probit();
            case "mc" -> monteCarlo(samples, seed);
            case "bridge" -> bridge();
            default -> throw new IllegalArgumentException("link '" + name + "' is not one of probit, mc, bridge");
        };
    }

    /** {@code softmax(μ / √(1 + π/8·diag Σ))}. */
    record Probit() implements Link {
        @Override
        public double[] probabilities(PredictiveDistribution predictive) {
            return predictive.probitProbabilities();
        }

        @Override
        public String cliName() {
            return "probit";
        }
    }

    /** The Monte Carlo average of {@code softmax(f)}, {@code f = μ + R z}, {@code R Rᵀ = Σ}. */
    record MonteCarlo(int samples, long seed) implements Link {
        public MonteCarlo {
            if (samples < 1) {
                throw new IllegalArgumentException("Monte Carlo link: samples must be ≥ 1, got " + samples);
            }
        }

        @Override
        public double[] probabilities(PredictiveDistribution predictive) {
            return predictive.monteCarloProbabilities(samples, seed);
        }

        /** The stream of batch {@code b}: {@code seed} mixed with {@code b} by the SplitMix64 finaliser. */
        @Override
        public Link forBatch(long batch) {
            long z = seed + (batch + 1) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return new MonteCarlo(samples, z ^ (z >>> 31));
        }

        @Override
        public String cliName() {
            return "mc";
        }
    }

    /** The Laplace-bridge Dirichlet mean. */
    record Bridge() implements Link {
        @Override
        public double[] probabilities(PredictiveDistribution predictive) {
            return predictive.bridgeProbabilities();
        }

        @Override
        public String cliName() {
            return "bridge";
        }
    }
}
