package org.jlaplace.laplace.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * A partition of the data indices {@code 0..N−1} into batches (MATHEMATICS.md §4, §5): contiguous (file
 * order, last batch possibly smaller), random (a uniform permutation cut into batches), or
 * grouped by class (every batch holds {@code M} samples of one class, see {@link #grouped}), which
 * gives tighter bounds for classification.
 */
public final class Partition {
    private final List<int[]> batches;
    private final int n;

    private Partition(List<int[]> batches, int n) {
        this.batches = batches;
        this.n = n;
    }

    /** A partition given explicitly; checks that every index {@code 0..n−1} appears exactly once. */
    public static Partition of(List<int[]> batches, int n) {
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int[] b : batches) {
            if (b.length == 0) {
                throw new IllegalArgumentException("partition: empty batch");
            }
            for (int i : b) {
                if (i < 0 || i >= n || seen[i]) {
                    throw new IllegalArgumentException("partition: index " + i + (i < 0 || i >= n
                            ? " outside 0.." + (n - 1) : " appears twice"));
                }
                seen[i] = true;
                count++;
            }
        }
        if (count != n) {
            throw new IllegalArgumentException("partition: covers " + count + " of " + n + " indices");
        }
        List<int[]> copy = new ArrayList<>();
        for (int[] b : batches) {
            copy.add(b.clone());
        }
        return new Partition(copy, n);
    }

    /** Batches {@code [0, M), [M, 2M), …} in data order. */
    public static Partition contiguous(int n, int m) {
        check(n, m);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return cut(order, m);
    }

    /** A uniformly random permutation cut into batches of {@code M}. */
    public static Partition random(int n, int m, long seed) {
        check(n, m);
        return cut(permutation(n, new SplittableRandom(seed)), m);
    }

    /**
     * Batches of one class each, as the paper's grouped batches: classes in random order, each
     * class's samples in random order and cut into batches of exactly {@code M}. A class of
     * {@code n_c} samples gives {@code ⌊n_c/M⌋} full batches; its remainder of {@code n_c mod M}
     * samples, if any, becomes one smaller batch of that class (so a class with fewer than
     * {@code M} samples is a single batch). No batch ever mixes classes, every sample is in
     * exactly one batch (a valid partition for the partition bound), and only remainder batches
     * are smaller than {@code M}. Stochastic estimates draw batches with {@link #drawBatch}, which
     * weighs a batch by its size so the estimate stays unbiased despite the remainders.
     */
    public static Partition grouped(int[] labels, int m, long seed) {
        check(labels.length, m);
        SplittableRandom rng = new SplittableRandom(seed);
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("grouped partition: label " + i + " is " + labels[i]);
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (int c : permutation(classes, rng)) {
            List<Integer> mem = members.get(c);
            int[] perm = permutation(mem.size(), rng);
            int[] order = new int[mem.size()];
            for (int j = 0; j < order.length; j++) {
                order[j] = mem.get(perm[j]);
            }
            out.addAll(cut(order, m).batches);
        }
        return new Partition(out, labels.length);
    }

    private static void check(int n, int m) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("partition: need N ≥ 1 and batch size ≥ 1, got N=" + n + ", M=" + m);
        }
    }

    /** Fisher–Yates permutation of {@code 0..n−1}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Partition cut(int[] order, int m) {
        List<int[]> out = new ArrayList<>();
        for (int lo = 0; lo < order.length; lo += m) {
            out.add(Arrays.copyOfRange(order, lo, Math.min(order.length, lo + m)));
        }
        return new Partition(out, order.length);
    }

    /** A partition of the same data where every batch is split into pieces of at most {@code m}. */
    public Partition refine(int m) {
        check(n, m);
        List<int[]> out = new ArrayList<>();
        for (int[] b : batches) {
            for (int lo = 0; lo < b.length; lo += m) {
                out.add(Arrays.copyOfRange(b, lo, Math.min(b.length, lo + m)));
            }
        }
        return new Partition(out, n);
    }

    public int dataSize() {
        return n;
    }

    public int batchCount() {
        return batches.size();
    }

    /** Batch {@code b} (a copy). */
    public int[] batch(int b) {
        return batches.get(b).clone();
    }

    /**
     * A batch index drawn with probability {@code |b|/N}: uniform ({@code 1/B}) when every batch
     * has the same size, and otherwise weighted by size, so that the estimate (5.1) with its
     * weight {@code N/|b|} has expectation {@code Σ_b (|b|/N)(N/|b|) T_b = Σ_b T_b}, the
     * partition's bound, whatever the batch sizes.
     */
    public int drawIndex(SplittableRandom rng) {
        return drawIndex(rng::nextInt);
    }

    /**
     * {@link #drawIndex(SplittableRandom)} from any source of uniform integers:
     * {@code uniform.applyAsInt(k)} must return a uniform value in {@code 0..k−1}.
     */
    public int drawIndex(IntUnaryOperator uniform) {
        if (equalSizes()) {
            return uniform.applyAsInt(batches.size());
        }
        int u = uniform.applyAsInt(n);
        int b = 0;
        for (int seen = batches.get(0).length; seen <= u; seen += batches.get(b).length) {
            b++;
        }
        return b;
    }

    /** The batch of {@link #drawIndex} (a copy). */
    public int[] drawBatch(SplittableRandom rng) {
        return batch(drawIndex(rng));
    }

    /** The probability {@code |b|/N} with which {@link #drawIndex} returns batch {@code b}. */
    public double drawProbability(int b) {
        return (double) batches.get(b).length / n;
    }

    private boolean equalSizes() {
        int size = batches.get(0).length;
        for (int[] b : batches) {
            if (b.length != size) {
                return false;
            }
        }
        return true;
    }

    /** All batches (copies). */
    public List<int[]> batches() {
        List<int[]> out = new ArrayList<>();
        for (int[] b : batches) {
            out.add(b.clone());
        }
        return out;
    }
}
