package org.jlaplace.autodiff.io;

import java.util.Map;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonString;

/** {@code torch.nn.Flatten()}: the per-example shape {@code [d1, …, dk]} becomes {@code [d1·…·dk]}. */
public record FlattenSpec() implements LayerSpec {

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        long size = 1;
        for (int d : inputShape) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(size + " features do not fit an int");
        }
        return new int[] {(int) size};
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return Map.of();
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.of(Map.of("type", JsonString.of(type())));
    }
}
