package org.jlaplace.laplace.curvature;

import org.jlaplace.laplace.internal.DenseOps;

import java.util.ArrayList;
import java.util.List;

/**
 * The KFAC factors of {@link KronFactors} accumulated over chunks of the data: both factors are sums
 * over data, so each chunk adds its unnormalised {@code Σ a aᵀ}, its row count {@code M·T} and its
 * {@code Σ b bᵀ}, and {@link #factors} divides {@code A} once by the total {@code M·T}. Memory is
 * the factors' plus one chunk's captures, whatever the number of data.
 */
public final class KronSums {
    private static final class Layer {
        final int weightGroup;
        final int biasGroup;
        final int in;
        final int out;
        final double[] a;
        final double[] b;
        long rows;

        Layer(KronCapture c) {
            weightGroup = c.weightGroup();
            biasGroup = c.biasGroup();
            in = c.inFeatures();
            out = c.outFeatures();
            a = new double[in * in];
            b = new double[out * out];
        }
    }

    private List<Layer> layers;

    /** Adds one chunk's captures (the same layers, in the same order, for every chunk). */
    public void add(List<KronCapture> captures) {
        if (layers == null) {
            layers = new ArrayList<>(captures.size());
            for (KronCapture c : captures) {
                layers.add(new Layer(c));
            }
        }
        if (captures.size() != layers.size()) {
            throw new IllegalArgumentException("KFAC sums: " + captures.size() + " captured layers, expected "
                    + layers.size());
        }
        for (int k = 0; k < captures.size(); k++) {
            KronCapture c = captures.get(k);
            Layer l = layers.get(k);
            if (c.weightGroup() != l.weightGroup || c.biasGroup() != l.biasGroup || c.inFeatures() != l.in
                    || c.outFeatures() != l.out) {
                throw new IllegalArgumentException("KFAC sums: layer " + k + " changed shape between chunks");
            }
            addInto(l.a, DenseOps.columnGram(c.inputs(), c.inputs().length / l.in, l.in, 0, l.in));
            addInto(l.b, DenseOps.columnGram(c.cotangents(), c.cotangents().length / l.out, l.out, 0, l.out));
            l.rows += (long) c.data() * c.positions();
        }
    }

    private static void addInto(double[] sum, double[] x) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += x[i];
        }
    }

    /** The factors of everything added: {@code A} divided by the total {@code M·T}, {@code B} as summed. */
    public List<KronFactors> factors() {
        if (layers == null) {
            throw new IllegalStateException("KFAC sums: no chunk added");
        }
        List<KronFactors> out = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            double[] a = l.a.clone();
            double norm = 1.0 / l.rows;
            for (int i = 0; i < a.length; i++) {
                a[i] *= norm;
            }
            out.add(new KronFactors(l.weightGroup, l.biasGroup, a, l.in, l.b.clone(), l.out));
        }
        return out;
    }
}
