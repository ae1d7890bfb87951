package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.KronCapture;

import java.util.List;

/**
 * Consecutive index batches over the training data, sized so that a batch's weighted Jacobian
 * ({@code M·C×P} doubles, the largest thing a generic batch may form) or, for KFAC, its layer
 * captures stay near {@link #DOUBLES_PER_BATCH}.
 */
final class TrainingChunks {
    /** About 64 MB of doubles per batch. */
    static final long DOUBLES_PER_BATCH = 1L << 23;

    private TrainingChunks() {
    }

    /** The default batch size for {@code C} outputs and {@code P} parameters: at least 1. */
    static int defaultSize(int outputs, int parameters) {
        long perDatum = Math.max(1L, (long) outputs * parameters);
        return (int) Math.max(1L, Math.min(Integer.MAX_VALUE, DOUBLES_PER_BATCH / perDatum));
    }

    /**
     * The chunk size for KFAC captures: {@code first} holds one datum's layer inputs and
     * cotangents, and a chunk of {@code s} data holds about {@code s} times as many, plus as many
     * again in the network's own per-layer factors they are taken from.
     */
    static int captureChunkSize(List<KronCapture> first) {
        long perDatum = 0;
        for (KronCapture c : first) {
            perDatum += 2L * (c.inputs().length + (long) c.cotangents().length);
        }
        return (int) Math.max(1L, Math.min(Integer.MAX_VALUE, DOUBLES_PER_BATCH / Math.max(1L, perDatum)));
    }

    /**
     * The test batch size for a predictive that works from layer captures: sized by
     * {@link #captureChunkSize} from the captures of the first test input (one output per
     * direction), or {@link #defaultSize} when the model's batches do not expose their layers.
     */
    static int testChunkSize(LinearizedModel test) {
        if (test.dataSize() == 0) {
            return 1;
        }
        try {
            return captureChunkSize(test.batch(new int[] {0}).kronCaptures(Identity.perDatum(1, test.outputs()),
                    test.outputs()));
        } catch (UnsupportedOperationException e) {
            return defaultSize(test.outputs(), test.groups().totalSize());
        }
    }

    /** Indices {@code from, …, min(n, from + size) − 1}. */
    static int[] range(int from, int size, int n) {
        int[] idx = new int[Math.min(n, from + size) - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    static void checkSize(String operation, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(operation + ": training batch size must be ≥ 1, got " + size);
        }
    }
}
