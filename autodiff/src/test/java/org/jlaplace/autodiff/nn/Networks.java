package org.jlaplace.autodiff.nn;

import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;

/** Small test networks covering every layer type. */
public final class Networks {
    private Networks() {
    }

    /** 5 → 7 → act → 6 → act → 3, biases on all but the middle layer. */
    public static Sequential mlp(Activation act, long seed) {
        return new Sequential(new Rng(seed), new int[] {5},
                new Linear(5, 7, true), act, new Linear(7, 6, false), act, new Linear(6, 3, true));
    }

    /**
     * [2, 7, 7] → Conv2d(2, 3, k3, s2, p1) → act → MaxPool2d(2, 1) → Conv2d(3, 2, k2) no bias →
     * AvgPool2d(1) → act → Flatten → Linear(8, 3).
     */
    public static Sequential cnn(Activation act, long seed) {
        return new Sequential(new Rng(seed), new int[] {2, 7, 7},
                new Conv2d(2, 3, 3, 2, 1, true), act, new MaxPool2d(2, 1), new Conv2d(3, 2, 2, 1, 0, false),
                new AvgPool2d(1), act, new Flatten(), new Linear(8, 3, true));
    }

    /** A CNN with average pooling over 2×2 windows (smooth everywhere for smooth activations). */
    public static Sequential cnnAvg(Activation act, long seed) {
        return new Sequential(new Rng(seed), new int[] {1, 6, 6},
                new Conv2d(1, 3, 3, 1, 1, true), act, new AvgPool2d(2), new Flatten(), new Linear(27, 4, true));
    }

    /** Inputs of N(0, 1) entries, {@code [m, shape…]}. */
    public static Tensor inputs(Sequential model, int m, long seed) {
        return new Rng(seed).normal(0, 1, Sequential.batchShape(m, model.inputShape()));
    }

    /**
     * Whether a finite difference of step ~H could cross a kink: a relu/leaky_relu input or a
     * max-pool runner-up within 1e-3 of the switching point. Such examples are skipped by the
     * finite-difference tests (the exact identities below still cover them).
     */
    public static boolean nearKink(Sequential model, Tensor x) {
        Trace trace = model.trace(x);
        for (int i = 0; i < model.numLayers(); i++) {
            Layer layer = model.layers().get(i);
            boolean kinked = layer instanceof Activation && (((Activation) layer).kind() == Activation.Kind.RELU
                    || ((Activation) layer).kind() == Activation.Kind.LEAKY_RELU);
            if (kinked) {
                for (double v : trace.layerInput(i).toArray()) {
                    if (Math.abs(v) < 1e-3) {
                        return true;
                    }
                }
            }
            if (layer instanceof MaxPool2d) {
                if (maxPoolGap(trace.layerInput(i), ((MaxPool2d) layer).kernelSize(), ((MaxPool2d) layer).stride()) < 1e-3) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The smallest gap between the largest and second-largest entry of any pooling window. */
    private static double maxPoolGap(Tensor in, int k, int s) {
        int[] sh = in.shape();
        double gap = Double.POSITIVE_INFINITY;
        for (int n = 0; n < sh[0]; n++) {
            for (int c = 0; c < sh[1]; c++) {
                for (int i = 0; i + k <= sh[2]; i += s) {
                    for (int j = 0; j + k <= sh[3]; j += s) {
                        double best = Double.NEGATIVE_INFINITY;
                        double second = Double.NEGATIVE_INFINITY;
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                double val = in.get(n, c, i + u, j + v);
                                if (val > best) {
                                    second = best;
                                    best = val;
                                } else if (val > second) {
                                    second = val;
                                }
                            }
                        }
                        gap = Math.min(gap, best - second);
                    }
                }
            }
        }
        return gap;
    }

}
