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
        long size = SpatialShapes.elements(inputShape, "the flattened input");
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
