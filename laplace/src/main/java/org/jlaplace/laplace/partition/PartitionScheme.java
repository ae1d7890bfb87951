package org.jlaplace.laplace.partition;

import java.util.Locale;

/**
 * How data are cut into the batches of a partition bound or of the stochastic estimate (5.1).
 */
public enum PartitionScheme {
    /** A uniformly random permutation cut into batches of {@code M} ({@link Partition#random}). */
    RANDOM,
    /**
     * Batches filled class by class ({@link Partition#grouped}); classification only. Same-class data
     * are the most coupled by the kernel, so keeping them together drops the least of it and gives the
     * tighter bound.
     */
    GROUPED,
    /** Batches {@code [0, M), [M, 2M), …} in data order ({@link Partition#contiguous}). */
    CONTIGUOUS;

    /**
     * The partition of {@code n} data into batches of {@code M = min(m, n)}.
     *
     * @param labels the class of every datum, needed by {@link #GROUPED} only (may be null otherwise)
     * @param seed   seeds the random schemes
     * @throws IllegalArgumentException for {@link #GROUPED} without labels
     */
    public Partition partition(int n, int m, int[] labels, long seed) {
        int size = Math.min(m, n);
        return switch (this) {
            case RANDOM -> Partition.random(n, size, seed);
            case CONTIGUOUS -> Partition.contiguous(n, size);
            case GROUPED -> {
                if (labels == null) {
                    throw new IllegalArgumentException("grouped partition: needs class labels (classification data)");
                }
                if (labels.length != n) {
                    throw new IllegalArgumentException("grouped partition: " + labels.length + " labels for " + n + " data");
                }
                yield Partition.grouped(labels, size, seed);
            }
        };
    }

    /** The name used on the command line and in run summaries ({@code random}, {@code grouped}, {@code contiguous}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scheme of that command-line name (any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static PartitionScheme parse(String name) {
        for (PartitionScheme s : values()) {
            if (s.cliName().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("partition '" + name + "' is not one of random, grouped, contiguous");
    }
}
