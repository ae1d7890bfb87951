package org.jlaplace.autodiff.nn;

import java.util.List;
import org.jlaplace.autodiff.Var;

/**
 * Avg pooling over {@code k×k} windows with stride {@code s} and no padding (PyTorch's
 * {@code nn.AvgPool2d(k, s)}): {@code y[c, i, j] = (1/k²) Σ_{u,v<k} x[c, i·s + u, j·s + v]}.
 */
public final class AvgPool2d extends Pool2d {

    public AvgPool2d(int kernelSize, int stride) {
        super(kernelSize, stride);
    }

    /** Stride equal to the kernel size (PyTorch's default). */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    @Override
    public String type() {
        return "avgpool2d";
    }

    @Override
    Var graph(Var input, List<Var> parameters) {
        return input.avgPool2d(kernelSize(), stride());
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new AvgPoolOp(this, inputShape, outputShape(inputShape));
    }
}
