package org.jlaplace.bench.cli;

import java.util.List;
import java.util.Locale;
import org.jlaplace.laplace.bound.Estimators;
import picocli.CommandLine.Option;

/** Which bound or estimator of the log marginal likelihood, on which batches (MATHEMATICS.md §3-§5). */
public final class EstimatorOptions {
    /**
     * Estimator names accepted: every name registered in the laplace module's {@link Estimators}
     * (CLI.md lists exact, kernel, outputwise, outputwise-diag, parametric, diag,
     * blockdiag, kron; a newly registered estimator is accepted without changes here).
     */
    public static final List<String> ESTIMATORS = Estimators.names();
    /** Partition names. */
    public static final List<String> PARTITIONS = List.of("contiguous", "random", "grouped");

    @Option(names = "--estimator", paramLabel = "E",
            description = "exact, kernel (partition bound), outputwise, outputwise-diag (not a bound), parametric, diag, blockdiag, kron (an approximation), or any other name registered in the laplace module.")
    String estimator;

    @Option(names = "--batch-size", paramLabel = "M",
            description = "Batch size M of the bound (default: all data in one batch for evidence).")
    Integer batchSize;

    @Option(names = "--partition", paramLabel = "contiguous|random|grouped",
            description = "contiguous: file order cut into batches of M, full sum; random/grouped: one stochastic estimate (5.1).")
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
