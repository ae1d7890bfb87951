package org.jlaplace.bench.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jlaplace.bench.data.Task;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.LikelihoodKind;
import org.jlaplace.laplace.prior.PriorStructure;
import picocli.CommandLine.Option;

/** Which bound or estimator of the log marginal likelihood, on which batches (MATHEMATICS.md §3-§5). */
public final class EstimatorOptions {
    /**
     * Estimator names accepted: every name registered in the laplace module's {@link Estimators}
     * (a newly registered estimator is accepted, and described in the help, without changes here).
     */
    public static final List<String> ESTIMATORS = Estimators.names();
    /** Partition names. */
    public static final List<String> PARTITIONS = List.of("contiguous", "random", "grouped");

    @Option(names = "--estimator", paramLabel = "E", completionCandidates = Described.class,
            description = "One of the registered estimators, as each declares itself: ${COMPLETION-CANDIDATES}.")
    String estimator;

    /** The help's list of estimators, each with what its declarations say about it. */
    static final class Described implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Estimators.all().stream().map(EstimatorOptions::describe).iterator();
        }
    }

    /** {@code name (notes)} from the estimator's declarations, e.g. {@code kron (approximation; scalar or layerwise prior)}. */
    static String describe(BoundEstimator<?> e) {
        List<String> notes = new java.util.ArrayList<>();
        if (e.isStochastic()) {
            notes.add("stochastic");
        } else if (e.isCertifiedBound()) {
            notes.add(e.isExactOnWholeData() ? "bound, exact on one batch" : "bound");
        } else if (e.isCertifiedBound(LikelihoodKind.GAUSSIAN)) {
            notes.add("bound for regression only");
        } else {
            notes.add("approximation");
        }
        if (e.requiresWholeData()) {
            notes.add("all data");
        }
        if (e.supportedPriors().size() < PriorStructure.values().length) {
            notes.add(listed(e.supportedPriors()) + " prior");
        }
        if (e.supportedLikelihoods().size() < LikelihoodKind.values().length) {
            notes.add(listed(e.supportedLikelihoods()) + " likelihood");
        }
        return e.name() + " (" + String.join("; ", notes) + ")";
    }

    @Option(names = "--batch-size", paramLabel = "M",
            description = "Batch size M of the bound (default: all data in one batch for evidence).")
    Integer batchSize;

    @Option(names = "--partition", paramLabel = "contiguous|random|grouped",
            description = "contiguous: file order cut into batches of M, full sum; random/grouped: one stochastic estimate (5.1). "
                    + "grouped: every batch holds M samples of one class; a class's remainder (count mod M) is one smaller batch of that class.")
    String partition;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The estimator name, validated; {@code fallback} when not given. */
    String estimatorName(String fallback) {
        String e = estimator == null ? fallback : estimator.toLowerCase(Locale.ROOT);
        if (e == null) {
            throw new BadInputException("--estimator E is required (one of " + String.join(", ", ESTIMATORS) + ")");
        }
        if (!ESTIMATORS.contains(e)) {
            throw new BadInputException("--estimator '" + estimator + "' is not one of " + String.join(", ", ESTIMATORS));
        }
        return e;
    }

    /** The estimator of {@code --estimator} (or {@code fallback}), made with {@code --seed}. */
    BoundEstimator<?> estimator(String fallback) {
        return Estimators.byName(estimatorName(fallback), seed);
    }

    /**
     * Exit 2 unless the estimator declares support for the prior structure and the task's
     * likelihood; the message lists what it supports.
     */
    static void requireSupport(BoundEstimator<?> e, PriorStructure prior, Task task) {
        if (!e.supportedPriors().contains(prior)) {
            throw new BadInputException("--estimator " + e.name() + " supports --prior-structure "
                    + listed(e.supportedPriors()) + " only");
        }
        LikelihoodKind likelihood = LaplaceSetup.likelihoodKind(task);
        if (!e.supportedLikelihoods().contains(likelihood)) {
            throw new BadInputException("--estimator " + e.name() + " supports " + listed(e.supportedLikelihoods())
                    + " likelihoods only, this data needs " + likelihood);
        }
    }

    private static String listed(Set<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(" or "));
    }

    /** The partition name, validated; {@code fallback} when not given. */
    String partitionName(String fallback) {
        String p = partition == null ? fallback : partition.toLowerCase(Locale.ROOT);
        if (!PARTITIONS.contains(p)) {
            throw new BadInputException("--partition '" + partition + "' is not one of " + String.join(", ", PARTITIONS));
        }
        return p;
    }

    /** The batch size, validated against the number of examples {@code n}; {@code fallback} when not given. */
    int batchSize(int n, int fallback) {
        int m = batchSize == null ? fallback : batchSize;
        if (m < 1) {
            throw new BadInputException("--batch-size " + m + ": must be at least 1");
        }
        return Math.min(m, n);
    }
}
