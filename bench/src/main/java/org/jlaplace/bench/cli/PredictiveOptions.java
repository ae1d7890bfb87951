package org.jlaplace.bench.cli;

import org.jlaplace.laplace.predictive.Link;
import picocli.CommandLine.Option;

/** How the GLM predictive's Gaussian logits become class probabilities (laplace-torch's {@code link_approx}). */
public final class PredictiveOptions {
    /** laplace-torch's default number of Monte Carlo samples. */
    static final int DEFAULT_MC_SAMPLES = 100;

    @Option(names = "--link", paramLabel = "probit|mc|bridge", defaultValue = "probit",
            description = "Classification: probit (softmax of logits scaled by 1/sqrt(1 + pi/8 var)), mc (Monte Carlo average of the softmax over --mc-samples draws from the full C x C covariance, seeded by --seed) or bridge (mean of the Laplace-bridge Dirichlet). Default: ${DEFAULT-VALUE}.")
    String link;

    @Option(names = "--mc-samples", paramLabel = "S",
            description = "Draws per test input for --link mc (default " + DEFAULT_MC_SAMPLES + ").")
    Integer mcSamples;

    /** The link, validated; {@code seed} drives the Monte Carlo draws. */
    Link link(long seed) {
        if (mcSamples != null && !"mc".equalsIgnoreCase(link)) {
            throw new BadInputException("--mc-samples applies to --link mc only, not --link " + link);
        }
        int samples = mcSamples == null ? DEFAULT_MC_SAMPLES : mcSamples;
        if (samples < 1) {
            throw new BadInputException("--mc-samples " + samples + ": must be at least 1");
        }
        try {
            return Link.parse(link, samples, seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--link '" + link + "' is not one of probit, mc, bridge");
        }
    }

    /** Whether the user chose something other than the default probit link. */
    boolean givenExplicitly() {
        return !"probit".equalsIgnoreCase(link) || mcSamples != null;
    }
}
