package org.jlaplace.autodiff.nn;

import java.util.Arrays;

/**
 * The geometry shared by the 2-D pooling layers: {@code k×k} windows with stride {@code s} and no
 * padding, so an input {@code [C, H, W]} maps to {@code [C, ⌊(H − k)/s⌋ + 1, ⌊(W − k)/s⌋ + 1]}.
 * Subclasses only choose what a window reduces to.
 */
public abstract sealed class Pool2d extends Layer permits MaxPool2d, AvgPool2d {
    private final int kernelSize;
    private final int stride;

    /** Error messages name the concrete layer class, e.g. {@code "MaxPool2d: stride must be positive"}. */
    Pool2d(int kernelSize, int stride) {
        requirePositive(getClass().getSimpleName(), "kernel_size", kernelSize);
        requirePositive(getClass().getSimpleName(), "stride", stride);
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    public final int kernelSize() {
        return kernelSize;
    }

    public final int stride() {
        return stride;
    }

    @Override
    public final int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(this + ": expects input shape [C, H, W] but got "
                    + Arrays.toString(inputShape));
        }
        if (inputShape[1] < kernelSize || inputShape[2] < kernelSize) {
            throw new IllegalArgumentException(this + ": kernel " + kernelSize + " is larger than the input "
                    + Arrays.toString(inputShape));
        }
        return new int[] {inputShape[0], (inputShape[1] - kernelSize) / stride + 1,
                (inputShape[2] - kernelSize) / stride + 1};
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(kernel=" + kernelSize + ", stride=" + stride + ")";
    }
}
