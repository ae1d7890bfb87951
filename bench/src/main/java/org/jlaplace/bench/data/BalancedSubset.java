package org.jlaplace.bench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.laplace.partition.Partition;

/**
 * A seeded subset of {@code N} rows that is balanced over classes: every class gets
 * {@code ⌊N/C⌋} rows and {@code N mod C} randomly chosen classes one more; a class with fewer rows
 * than its share gives all it has and the shortfall goes, one row at a time, to the class with
 * the fewest rows so far that still has rows (ties in a random class order). Within a class the rows are a uniformly random sample.
 * Regression data get a uniformly random sample. The subset keeps the original row order.
 */
public final class BalancedSubset {
    private BalancedSubset() {
    }

    /** {@code n} rows of {@code d} ({@code 1 ≤ n ≤ d.size()}, else {@link IllegalArgumentException}). */
    public static Dataset of(Dataset d, int n, long seed) {
        if (n < 1 || n > d.size()) {
            throw new IllegalArgumentException("a subset of " + n + " rows of " + d.source() + ", which has " + d.size()
                    + (n < 1 ? "" : ": the subset is larger than the data"));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        if (d.task() != Task.CLASSIFICATION) {
            int[] idx = Arrays.copyOf(Partition.permutation(d.size(), rng), n);
            Arrays.sort(idx);
            return d.subset(idx);
        }
        int classes = d.classes();
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < d.size(); i++) {
            members.get(d.label(i)).add(i);
        }
        int[] share = new int[classes];
        int[] order = Partition.permutation(classes, rng);
        for (int k = 0; k < classes; k++) {
            share[order[k]] = n / classes + (k < n % classes ? 1 : 0);
        }
        int shortfall = 0;
        for (int c = 0; c < classes; c++) {
            int have = members.get(c).size();
            if (share[c] > have) {
                shortfall += share[c] - have;
                share[c] = have;
            }
        }
        for (; shortfall > 0; shortfall--) {
            int best = -1;
            for (int c : order) {
                if (share[c] < members.get(c).size() && (best < 0 || share[c] < share[best])) {
                    best = c;
                }
            }
            share[best]++;
        }
        int[] idx = new int[n];
        int at = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> mem = members.get(c);
            int[] perm = Partition.permutation(mem.size(), rng);
            for (int j = 0; j < share[c]; j++) {
                idx[at++] = mem.get(perm[j]);
            }
        }
        Arrays.sort(idx);
        return d.subset(idx);
    }
}
