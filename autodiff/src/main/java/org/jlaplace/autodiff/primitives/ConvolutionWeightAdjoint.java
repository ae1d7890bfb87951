package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.conv.Conv2d;

/**
 * The adjoint of a convolution in its weight, {@code w̄ = S(g, x)}, defined by
 * {@code ⟨S(g, x), w⟩ = ⟨g, conv(x, w)⟩}. Bilinear in (g, x): with a cotangent u of the weight's
 * shape, {@code ḡ = conv(x, u)} and {@code x̄ = convInputAdjoint(g, u)}.
 */
public final class ConvolutionWeightAdjoint implements Primitive {
    private final int stride;
    private final int padding;
    private final int[] weightShape;

    /**
     * @param stride      the convolution's stride
     * @param padding     the convolution's padding
     * @param weightShape shape of the convolution's weight {@code [O,C,kh,kw]}
     */
    public ConvolutionWeightAdjoint(int stride, int padding, int[] weightShape) {
        this.stride = stride;
        this.padding = padding;
        this.weightShape = weightShape.clone();
    }

    @Override
    public String name() {
        return "conv2dWeightAdjoint";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return Conv2d.backwardWeight(inputs[0], inputs[1], weightShape, stride, padding);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var fromG = tangents[0] == null ? null : Var.apply(this, tangents[0], inputs[1]);
        Var fromX = tangents[1] == null ? null : Var.apply(this, inputs[0], tangents[1]);
        return fromG == null ? fromX : fromX == null ? fromG : fromG.add(fromX);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {
            needed[0] ? Var.apply(new Convolution(stride, padding), inputs[1], cotangent) : null,
            needed[1] ? Var.apply(new ConvolutionInputAdjoint(stride, padding, inputs[1].shape()),
                inputs[0], cotangent) : null};
    }
}
