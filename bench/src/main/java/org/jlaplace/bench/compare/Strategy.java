package org.jlaplace.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One hyperparameter strategy of {@code jlaplace compare}: a named choice of estimator, batch size
 * and partition, turned into the options of one {@code jlaplace marglik} run.
 * <ul>
 *   <li>{@code fixed} — MAP training with the prior precision fixed at its initial value (no hyper-steps);</li>
 *   <li>{@code kron-full} — the full-data KFAC Laplace marginal likelihood (Immer et al. 2021): estimator
 *   {@code kron} on one batch holding all N training points (its factors prepared in chunks);</li>
 *   <li>{@code parametric-full} — the full-data parametric (P×P GGN) marginal likelihood, only for models of
 *   at most the configured number of parameters;</li>
 *   <li>{@code kernel:M}, {@code outputwise:M}, {@code parametric:M}, each with an optional
 *   {@code :grouped} or {@code :random} partition (default: grouped for classification, random for
 *   regression) — the stochastic bound (5.1) on batches of M.</li>
 * </ul>
 *
 * @param spec      the strategy as written (its name in tables and plots)
 * @param kind      {@code fixed}, {@code kron-full}, {@code parametric-full}, {@code kernel}, {@code outputwise} or
 *                  {@code parametric}
 * @param batchSize {@code M} of the batched kinds, 0 for the others
 * @param partition {@code grouped} or {@code random} when written, else null (the task's default)
 */
public record Strategy(String spec, String kind, int batchSize, String partition) {
    /** The kinds with a batch size {@code :M}. */
    public static final List<String> BATCHED = List.of("kernel", "outputwise", "parametric");
    /** The kinds without one. */
    public static final List<String> WHOLE = List.of("fixed", "kron-full", "parametric-full");

    /**
     * Parses one strategy; an {@link IllegalArgumentException} names the problem (unknown kind, a
     * missing, non-integer or non-positive {@code M}, an unknown partition).
     */
    public static Strategy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        String[] parts = s.split(":", -1);
        String kind = parts[0];
        if (WHOLE.contains(kind)) {
            if (parts.length != 1) {
                throw new IllegalArgumentException("'" + text + "': " + kind + " takes no batch size or partition");
            }
            return new Strategy(s, kind, 0, null);
        }
        if (!BATCHED.contains(kind)) {
            throw new IllegalArgumentException("'" + text + "' is not a strategy; expected one of " + String.join(", ", WHOLE)
                    + ", or kernel:M, outputwise:M, parametric:M (optionally :grouped or :random)");
        }
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "': expected " + kind + ":M[:grouped|:random]");
        }
        int m;
        try {
            m = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the batch size '" + parts[1] + "' is not an integer");
        }
        if (m < 1) {
            throw new IllegalArgumentException("'" + text + "': the batch size " + m + " must be at least 1");
        }
        String partition = null;
        if (parts.length == 3) {
            partition = parts[2];
            if (!partition.equals("grouped") && !partition.equals("random")) {
                throw new IllegalArgumentException("'" + text + "': partition '" + parts[2] + "' is not grouped or random");
            }
        }
        return new Strategy(s, kind, m, partition);
    }

    /** A file-system friendly name: the spec with {@code :} replaced by {@code -}. */
    public String slug() {
        return spec.replace(':', '-');
    }

    /** Whether the strategy learns the prior (every kind but {@code fixed}). */
    public boolean learnsPrior() {
        return !kind.equals("fixed");
    }

    /**
     * The {@code marglik} options that select this strategy for {@code n} training points.
     *
     * @param n                the training set size (the batch of the full-data kinds)
     * @param fixedPrecision   the prior precision of {@code fixed}
     * @param defaultPartition the partition of batched kinds without one
     */
    public List<String> marglikOptions(int n, double fixedPrecision, String defaultPartition) {
        List<String> o = new ArrayList<>();
        switch (kind) {
            case "fixed" -> o.addAll(List.of("--fixed-prior", Double.toString(fixedPrecision)));
            // One batch of all N points: a random partition with M = N is that single batch.
            case "kron-full" -> o.addAll(List.of("--estimator", "kron", "--batch-size", Integer.toString(n),
                    "--partition", "random"));
            case "parametric-full" -> o.addAll(List.of("--estimator", "parametric", "--batch-size", Integer.toString(n),
                    "--partition", "random"));
            default -> o.addAll(List.of("--estimator", kind, "--batch-size", Integer.toString(Math.min(batchSize, n)),
                    "--partition", partition != null ? partition : defaultPartition));
        }
        return o;
    }
}
