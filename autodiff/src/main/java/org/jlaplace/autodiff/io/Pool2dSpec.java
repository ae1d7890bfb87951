package org.jlaplace.autodiff.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonString;
import org.jlaplace.autodiff.io.json.JsonValue;

/**
 * {@code torch.nn.MaxPool2d(kernel_size, stride=kernel_size)} or
 * {@code torch.nn.AvgPool2d(kernel_size, stride=kernel_size)} on per-example inputs
 * {@code [C, H, W]}: output {@code [C, ⌊(H − k)/s⌋ + 1, ⌊(W − k)/s⌋ + 1]}. No padding, no
 * ceil mode, no parameters.
 */
public record Pool2dSpec(Kind kind, int kernelSize, int stride) implements LayerSpec {

    /** Maximum or mean over each window. */
    public enum Kind {
        MAX("maxpool2d"),
        AVG("avgpool2d");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The model.json type name. */
        public String type() {
            return type;
        }
    }

    public Pool2dSpec {
        if (kernelSize < 1 || stride < 1) {
            throw new IllegalArgumentException(kind.type() + ": kernel_size " + kernelSize + " and stride " + stride
                    + " must be positive");
        }
    }

    @Override
    public String type() {
        return kind.type();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("expects an input [channels, height, width] but the input shape is "
                    + Arrays.toString(inputShape));
        }
        int h = SpatialShapes.outputExtent("height", inputShape[1], kernelSize, stride, 0);
        int w = SpatialShapes.outputExtent("width", inputShape[2], kernelSize, stride, 0);
        return new int[] {inputShape[0], h, w};
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return Map.of();
    }

    @Override
    public JsonObject toJson() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("type", JsonString.of(type()));
        m.put("kernel_size", JsonNumber.of(kernelSize));
        m.put("stride", JsonNumber.of(stride));
        return JsonObject.of(m);
    }
}
