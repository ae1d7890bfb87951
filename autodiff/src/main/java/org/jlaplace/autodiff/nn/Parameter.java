package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.core.Tensor;

/**
 * One parameter tensor of a {@link Sequential}, named as PyTorch names the parameters of an
 * {@code nn.Sequential}: {@code "<layer index>.weight"} or {@code "<layer index>.bias"}.
 *
 * <p>The value is owned by the parameter: {@link #value()} returns a tensor backed by the
 * parameter's own storage, so in-place updates of that tensor (optimisers) change the parameter,
 * and {@link #set(Tensor)} copies new values into the same storage.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final double[] data;
    private final Tensor value;

    Parameter(String name, int[] shape) {
        this.name = name;
        this.shape = shape.clone();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        this.data = new double[size];
        this.value = Tensor.of(data, this.shape);
    }

    /** PyTorch state_dict name, e.g. {@code "0.weight"}. */
    public String name() {
        return name;
    }

    /** The shape (a copy), e.g. {@code [out, in]} for a Linear weight. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of scalar entries. */
    public int size() {
        return data.length;
    }

    /** The current value, backed by this parameter's storage (not a copy). */
    public Tensor value() {
        return value;
    }

    /**
     * Copies {@code newValue} into this parameter.
     *
     * @throws IllegalArgumentException if the shape differs or a value is not finite
     */
    public void set(Tensor newValue) {
        if (!Arrays.equals(newValue.shape(), shape)) {
            throw new IllegalArgumentException("Parameter.set: " + name + " has shape "
                    + Arrays.toString(shape) + " but the new value has shape "
                    + Arrays.toString(newValue.shape()));
        }
        double[] values = newValue.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Parameter.set: " + name + " value at flat index "
                        + i + " is " + values[i]);
            }
        }
        System.arraycopy(values, 0, data, 0, values.length);
    }

    /** The backing storage, row-major; the fast path reads it directly. */
    double[] data() {
        return data;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
