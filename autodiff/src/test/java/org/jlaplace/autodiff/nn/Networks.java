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
}
