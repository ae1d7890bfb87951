package org.jlaplace.autodiff.io;

import java.util.Map;
import org.jlaplace.autodiff.io.json.JsonObject;

/**
 * One entry of the {@code layers} list of model.json: a layer type with PyTorch's constructor
 * arguments. Each knows how it transforms a per-example shape (batch axis excluded) and which
 * parameters it has, in PyTorch's order and shapes.
 */
public sealed interface LayerSpec permits LinearSpec, Conv2dSpec, Pool2dSpec, FlattenSpec, ActivationSpec {

    /** The {@code "type"} value in model.json, e.g. {@code "linear"}. */
    String type();

    /**
     * The per-example output shape for a per-example input shape.
     *
     * @throws IllegalArgumentException if the input shape does not fit this layer; the message
     *                                  names the field and the two sizes
     */
    int[] outputShape(int[] inputShape);

    /** Parameter name ({@code "weight"}, {@code "bias"}) to shape, in PyTorch's order; empty if none. */
    Map<String, int[]> parameterShapes();

    /** The model.json object of this layer (type first, then PyTorch's argument names). */
    JsonObject toJson();
}
