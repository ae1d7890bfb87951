package org.jlaplace.autodiff.nn;

/**
 * The declaration of one parameter tensor of a layer, before it is owned by a {@link Sequential}.
 *
 * @param localName {@code "weight"} or {@code "bias"} (PyTorch's attribute names)
 * @param shape     PyTorch's shape: {@code [out, in]} for a Linear weight, {@code [out, in, k, k]} for a Conv2d weight
 * @param fanIn     the fan-in used by PyTorch's default initialisation, {@code U(−1/√fanIn, 1/√fanIn)}
 */
public record ParameterSpec(String localName, int[] shape, int fanIn) {
    public ParameterSpec {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
