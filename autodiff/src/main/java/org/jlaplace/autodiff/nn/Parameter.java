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
    /** The values rounded to float for the float32 path, refreshed by {@link #narrowed()}. */
    private float[] mirror;

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

    /**
     * The values rounded to float, refreshed from the storage now. The storage can be written by
     * anyone holding {@link #value()} (an optimiser, {@link #set}), so the float32 path narrows it
     * at every trace instead of trusting a flag: {@code P} conversions, a small fraction of a pass.
     * A float32 run keeps the storage float-representable, so the rounding is then exact.
     */
    synchronized float[] narrowed() {
        if (mirror == null) {
            mirror = new float[data.length];
        }
        Widening.narrowInto(data, mirror);
        return mirror;
    }

    /**
     * Rounds every value to the nearest float32 in place, so that the float64 storage holds exactly
     * what a float32 pass computes with (the start of a float32 run).
     */
    public void roundToFloat32() {
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) data[i];
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
