package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.conv.Conv2d;

/**
 * The adjoint of a convolution in its input, {@code x̄ = T(g, w)}, defined by
 * {@code ⟨T(g, w), x⟩ = ⟨g, conv(x, w)⟩} (a transposed convolution). Bilinear in (g, w): with a
 * cotangent u of the input's shape, {@code ḡ = conv(u, w)} and {@code w̄ = convWeightAdjoint(g, u)}.
 */
public final class ConvolutionInputAdjoint implements Primitive {
    private final int stride;
    private final int padding;
    private final int[] inputShape;

    /**
     * @param stride     the convolution's stride
     * @param padding    the convolution's padding
     * @param inputShape shape of the convolution's input {@code [N,C,H,W]}
     */
    public ConvolutionInputAdjoint(int stride, int padding, int[] inputShape) {
        this.stride = stride;
        this.padding = padding;
        this.inputShape = inputShape.clone();
    }

    @Override
    public String name() {
        return "conv2dInputAdjoint";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return Conv2d.backwardInput(inputs[0], inputs[1], inputShape, stride, padding);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var fromG = tangents[0] == null ? null : Var.apply(this, tangents[0], inputs[1]);
        Var fromW = tangents[1] == null ? null : Var.apply(this, inputs[0], tangents[1]);
        return fromG == null ? fromW : fromW == null ? fromG : fromG.add(fromW);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {
            needed[0] ? Var.apply(new Convolution(stride, padding), cotangent, inputs[1]) : null,
            needed[1] ? Var.apply(new ConvolutionWeightAdjoint(stride, padding, inputs[1].shape()),
                inputs[0], cotangent) : null};
    }
}
