package org.jlaplace.autodiff.primitives;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of every primitive: its name and its class. Everything else in the engine (sub,
 * div, softmax, losses, pooling, grid sampling) is a composition of these and needs no rule.
 * The gradient-check tests iterate this table, so a new primitive cannot go unchecked.
 */
public final class PrimitiveTable {
    private static final Map<String, Class<? extends Primitive>> TABLE = build();

    private PrimitiveTable() {
    }

    private static Map<String, Class<? extends Primitive>> build() {
        Map<String, Class<? extends Primitive>> t = new LinkedHashMap<>();
        t.put("identity", Identity.class);
        t.put("add", Add.class);
        t.put("mul", Mul.class);
        t.put("neg", Neg.class);
        t.put("reciprocal", Reciprocal.class);
        t.put("exp", Exp.class);
        t.put("log", Log.class);
        t.put("tanh", Tanh.class);
        t.put("sigmoid", Sigmoid.class);
        t.put("relu", Relu.class);
        t.put("maximum", Maximum.class);
        t.put("pow", PowScalar.class);
        t.put("sqrt", Sqrt.class);
        t.put("erf", Erf.class);
        t.put("erfc", Erfc.class);
        t.put("where", Where.class);
        t.put("matmul", MatMul.class);
        t.put("sum", Sum.class);
        t.put("max", Max.class);
        t.put("broadcastTo", BroadcastTo.class);
        t.put("reshape", Reshape.class);
        t.put("permute", Permute.class);
        t.put("slice", Slice.class);
        t.put("concat", Concat.class);
        t.put("indexSelect", IndexSelect.class);
        t.put("indexAdd", IndexAdd.class);
        t.put("conv2d", Convolution.class);
        t.put("conv2dInputAdjoint", ConvolutionInputAdjoint.class);
        t.put("conv2dWeightAdjoint", ConvolutionWeightAdjoint.class);
        t.put("spdLogDet", SpdLogDet.class);
        t.put("spdSolve", SpdSolve.class);
        t.put("gram", Gram.class);
        return Collections.unmodifiableMap(t);
    }

    /** Name → class of every registered primitive, in a fixed order. */
    public static Map<String, Class<? extends Primitive>> all() {
        return TABLE;
    }

    /** The class registered under {@code name}. */
    public static Class<? extends Primitive> get(String name) {
        Class<? extends Primitive> c = TABLE.get(name);
        if (c == null) {
            throw new IllegalArgumentException("PrimitiveTable: no primitive named '" + name
                + "'; known: " + TABLE.keySet());
        }
        return c;
    }
}
