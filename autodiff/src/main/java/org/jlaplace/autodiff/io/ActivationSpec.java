package org.jlaplace.autodiff.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jlaplace.autodiff.io.json.JsonNumber;
import org.jlaplace.autodiff.io.json.JsonObject;
import org.jlaplace.autodiff.io.json.JsonString;
import org.jlaplace.autodiff.io.json.JsonValue;

/**
 * An elementwise activation: relu, tanh, sigmoid, gelu (exact, erf-based), silu, selu,
 * softplus (β = 1), or leaky_relu with {@code negative_slope} (PyTorch's default 0.01).
 *
 * @param kind          which function
 * @param negativeSlope the slope for negative inputs (leaky_relu only; 0 for the others)
 */
public record ActivationSpec(Kind kind, double negativeSlope) implements LayerSpec {

    /** PyTorch's default {@code negative_slope} of {@code LeakyReLU}. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    /** The supported activation functions, with their model.json type names. */
    public enum Kind {
        RELU("relu"), TANH("tanh"), SIGMOID("sigmoid"), GELU("gelu"), SILU("silu"), SELU("selu"),
        SOFTPLUS("softplus"), LEAKY_RELU("leaky_relu");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The model.json type name. */
        public String type() {
            return type;
        }

        /** The kind whose type name is {@code type}, or {@code null}. */
        public static Kind ofType(String type) {
            for (Kind k : values()) {
                if (k.type.equals(type)) {
                    return k;
                }
            }
            return null;
        }
    }

    public ActivationSpec {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException(kind.type() + ": negative_slope " + negativeSlope + " is not finite");
        }
        if (kind != Kind.LEAKY_RELU && negativeSlope != 0) {
            throw new IllegalArgumentException(kind.type() + ": negative_slope applies to leaky_relu only");
        }
    }

    /** An activation without parameters (for leaky_relu: the default slope). */
    public static ActivationSpec of(Kind kind) {
        return new ActivationSpec(kind, kind == Kind.LEAKY_RELU ? DEFAULT_NEGATIVE_SLOPE : 0);
    }

    @Override
    public String type() {
        return kind.type();
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Map<String, int[]> parameterShapes() {
        return Map.of();
    }

    @Override
    public JsonObject toJson() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("type", JsonString.of(type()));
        if (kind == Kind.LEAKY_RELU) {
            m.put("negative_slope", JsonNumber.of(negativeSlope));
        }
        return JsonObject.of(m);
    }
}
