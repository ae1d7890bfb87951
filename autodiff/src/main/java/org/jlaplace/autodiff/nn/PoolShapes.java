package org.jlaplace.autodiff.nn;

import java.util.Arrays;

/** Output shape of a 2-D pooling window with no padding: {@code ⌊(H − k)/s⌋ + 1} per spatial axis. */
final class PoolShapes {
    private PoolShapes() {
    }

    static int[] outputShape(String layer, int kernel, int stride, int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(layer + ": expects input shape [C, H, W] but got "
                    + Arrays.toString(inputShape));
        }
        if (inputShape[1] < kernel || inputShape[2] < kernel) {
            throw new IllegalArgumentException(layer + ": kernel " + kernel + " is larger than the input "
                    + Arrays.toString(inputShape));
        }
        return new int[] {inputShape[0], (inputShape[1] - kernel) / stride + 1, (inputShape[2] - kernel) / stride + 1};
    }
}
