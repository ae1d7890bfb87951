package org.jlaplace.autodiff.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jlaplace.autodiff.io.json.JsonBoolean;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonString;
import org.jlaplace.autodiff.io.json.JsonValue;

/**
 * {@code torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True)}
 * on per-example inputs {@code [C, H, W]}: output {@code [out_channels, H', W']} with
 * {@code H' = ⌊(H + 2·padding − kernel) / stride⌋ + 1}; weight
 * {@code [out_channels, in_channels, kh, kw]}, bias {@code [out_channels]}. Zero padding,
 * no dilation, no groups.
 */
public record Conv2dSpec(int inChannels, int outChannels, int kernelHeight, int kernelWidth,
                         int stride, int padding, boolean bias) implements LayerSpec {

    public Conv2dSpec {
        if (inChannels < 1 || outChannels < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d: in_channels " + inChannels + ", out_channels " + outChannels
                    + ", kernel_size [" + kernelHeight + ", " + kernelWidth + "], stride " + stride
                    + " must be positive and padding " + padding + " non-negative");
        }
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("expects an input [channels, height, width] but the input shape is "
                    + Arrays.toString(inputShape));
        }
        if (inputShape[0] != inChannels) {
            throw new IllegalArgumentException("in_channels " + inChannels
                    + " does not match the input shape " + Arrays.toString(inputShape));
        }
        int h = SpatialShapes.outputExtent("height", inputShape[1], kernelHeight, stride, padding);
        int w = SpatialShapes.outputExtent("width", inputShape[2], kernelWidth, stride, padding);
        return new int[] {outChannels, h, w};
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new int[] {outChannels, inChannels, kernelHeight, kernelWidth});
        if (bias) {
            shapes.put("bias", new int[] {outChannels});
        }
        return shapes;
    }

    @Override
    public JsonObject toJson() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("type", JsonString.of(type()));
        m.put("in_channels", JsonNumber.of(inChannels));
        m.put("out_channels", JsonNumber.of(outChannels));
        m.put("kernel_size", SpatialShapes.toJson(kernelHeight, kernelWidth));
        m.put("stride", JsonNumber.of(stride));
        m.put("padding", JsonNumber.of(padding));
        m.put("bias", JsonBoolean.of(bias));
        return JsonObject.of(m);
    }
}
