package org.jlaplace.laplace.curvature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The per-layer accumulators of a sum taken chunk by chunk over {@link KronCapture}s. The first
 * chunk fixes the layers (their parameter groups and feature counts); every later chunk must
 * capture the same layers in the same order, since a sum over chunks of different networks means
 * nothing.
 *
 * @param <L> the accumulator of one layer
 */
final class ChunkLayers<L> {
    private final String what;
    private final Function<KronCapture, L> create;
    private final List<L> layers = new ArrayList<>();
    private final List<int[]> shapes = new ArrayList<>();
    private boolean started;

    /**
     * @param what   the sum's name, for messages
     * @param create a fresh accumulator for a layer's first capture
     */
    ChunkLayers(String what, Function<KronCapture, L> create) {
        this.what = what;
        this.create = create;
    }

    /**
     * The accumulators for one chunk's captures, made on the first chunk.
     *
     * @throws IllegalArgumentException if the captures are not the layers of the first chunk
     */
    List<L> match(List<KronCapture> captures) {
        if (!started) {
            started = true;
            for (KronCapture c : captures) {
                layers.add(create.apply(c));
                shapes.add(shape(c));
            }
        }
        if (captures.size() != layers.size()) {
            throw new IllegalArgumentException(what + ": " + captures.size() + " captured layers, expected "
                    + layers.size());
        }
        for (int k = 0; k < captures.size(); k++) {
            int[] s = shapes.get(k);
            int[] c = shape(captures.get(k));
            if (!Arrays.equals(s, c)) {
                throw new IllegalArgumentException(what + ": layer " + k + " changed shape between chunks");
            }
        }
        return Collections.unmodifiableList(layers);
    }

    /** The accumulators so far, in layer order. */
    List<L> all() {
        if (!started) {
            throw new IllegalStateException(what + ": no chunk added");
        }
        return Collections.unmodifiableList(layers);
    }

    private static int[] shape(KronCapture c) {
        return new int[] {c.weightGroup(), c.biasGroup(), c.inFeatures(), c.outFeatures()};
    }
}
