package org.jlaplace.laplace.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A partition of the data indices {@code 0..N−1} into batches (MATHEMATICS.md §4, §5): contiguous (file
 * order, last batch possibly smaller), random (a uniform permutation cut into batches), or
 * grouped by class (a random class order, then that class's samples in random order, cut into
 * batches), which gives tighter bounds for classification.
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
     * Batches filled class by class: classes in random order, each class's samples in random
     * order, the concatenation cut into batches of {@code M}.
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
        int[] classOrder = permutation(classes, rng);
        int[] order = new int[labels.length];
        int k = 0;
        for (int c : classOrder) {
            List<Integer> mem = members.get(c);
            int[] perm = permutation(mem.size(), rng);
            for (int j : perm) {
                order[k++] = mem.get(j);
            }
        }
        return cut(order, m);
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

    /** All batches (copies). */
    public List<int[]> batches() {
        List<int[]> out = new ArrayList<>();
        for (int[] b : batches) {
            out.add(b.clone());
        }
        return out;
    }
}
