package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.conv.Conv2d;

/**
 * 2-D cross-correlation {@code y = conv(x, w)} in NCHW layout (x {@code [N,C,H,W]}, w
 * {@code [O,C,kh,kw]}), with a stride and symmetric zero padding; the bias is added separately.
 * The map is bilinear, so {@code ẏ = conv(ẋ, w) + conv(x, ẇ)}; the VJP uses the two adjoints,
 * themselves primitives, so second derivatives come for free:
 * {@code x̄ = convInputAdjoint(ȳ, w)}, {@code w̄ = convWeightAdjoint(ȳ, x)}.
 */
public final class Convolution implements Primitive {
    private final int stride;
    private final int padding;

    /**
     * @param stride  step between output positions (≥ 1)
     * @param padding zeros added on every side of the spatial axes (≥ 0)
     */
    public Convolution(int stride, int padding) {
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException(
                "conv2d: stride must be >= 1 and padding >= 0, got stride " + stride + ", padding " + padding);
        }
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return Conv2d.forward(inputs[0], inputs[1], null, stride, padding);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var fromX = tangents[0] == null ? null : Var.apply(this, tangents[0], inputs[1]);
        Var fromW = tangents[1] == null ? null : Var.apply(this, inputs[0], tangents[1]);
        return fromX == null ? fromW : fromW == null ? fromX : fromX.add(fromW);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {
            needed[0] ? Var.apply(new ConvolutionInputAdjoint(stride, padding, inputs[0].shape()),
                cotangent, inputs[1]) : null,
            needed[1] ? Var.apply(new ConvolutionWeightAdjoint(stride, padding, inputs[1].shape()),
                cotangent, inputs[0]) : null};
    }
}
