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
 * {@code torch.nn.Linear(in_features, out_features, bias=True)}: {@code y = x Wᵀ + b} with
 * weight {@code [out_features, in_features]} and bias {@code [out_features]}. The input must be a
 * vector per example (flatten images first).
 */
public record LinearSpec(int inFeatures, int outFeatures, boolean bias) implements LayerSpec {

    public LinearSpec {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("linear: in_features " + inFeatures + " and out_features "
                    + outFeatures + " must be positive");
        }
    }

    @Override
    public String type() {
        return "linear";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] != inFeatures) {
            throw new IllegalArgumentException("in_features " + inFeatures
                    + " does not match the input shape " + Arrays.toString(inputShape)
                    + (inputShape.length != 1 ? " (add a flatten layer before it)" : ""));
        }
        return new int[] {outFeatures};
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new int[] {outFeatures, inFeatures});
        if (bias) {
            shapes.put("bias", new int[] {outFeatures});
        }
        return shapes;
    }

    @Override
    public JsonObject toJson() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("type", JsonString.of(type()));
        m.put("in_features", JsonNumber.of(inFeatures));
        m.put("out_features", JsonNumber.of(outFeatures));
        m.put("bias", JsonBoolean.of(bias));
        return JsonObject.of(m);
    }
}
