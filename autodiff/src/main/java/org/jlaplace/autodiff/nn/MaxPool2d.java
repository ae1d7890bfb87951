package org.jlaplace.autodiff.nn;

import java.util.List;
import org.jlaplace.autodiff.Var;

/**
 * Max pooling over {@code k×k} windows with stride {@code s} and no padding (PyTorch's
 * {@code nn.MaxPool2d(k, s)}): {@code y[c, i, j] = max_{u,v<k} x[c, i·s + u, j·s + v]} (the first maximum wins ties, as PyTorch).
 */
public final class MaxPool2d extends Pool2d {

    public MaxPool2d(int kernelSize, int stride) {
        super(kernelSize, stride);
    }

    /** Stride equal to the kernel size (PyTorch's default). */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    @Override
    public String type() {
        return "maxpool2d";
    }

    @Override
    Var graph(Var input, List<Var> parameters) {
        return input.maxPool2d(kernelSize(), stride());
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new MaxPoolOp(this, inputShape, outputShape(inputShape));
    }
}
