package org.jlaplace.laplace.prior;

import java.util.Arrays;
import java.util.List;

/**
 * The parameter tensors of a model in order (every weight and every bias separately, as
 * PyTorch's {@code model.parameters()}): names and sizes; group {@code g} occupies the flat
 * parameter range {@code [offset(g), offset(g) + size(g))}.
 */
public final class ParameterGroups {
    private final String[] names;
    private final int[] sizes;
    private final int[] offsets;

    public ParameterGroups(List<String> names, int[] sizes) {
        if (names.size() != sizes.length || sizes.length == 0) {
            throw new IllegalArgumentException("parameter groups: " + names.size() + " names for "
                    + sizes.length + " sizes (need equal and ≥ 1)");
        }
        this.names = names.toArray(new String[0]);
        this.sizes = sizes.clone();
        this.offsets = new int[sizes.length + 1];
        for (int g = 0; g < sizes.length; g++) {
            if (sizes[g] < 1) {
                throw new IllegalArgumentException("parameter groups: group " + g + " (" + this.names[g]
                        + ") has size " + sizes[g]);
            }
            offsets[g + 1] = offsets[g] + sizes[g];
        }
    }

    /** Groups named {@code "0"}, {@code "1"}, … with the given sizes. */
    public static ParameterGroups ofSizes(int... sizes) {
        String[] n = new String[sizes.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = Integer.toString(i);
        }
        return new ParameterGroups(Arrays.asList(n), sizes);
    }

    public int count() {
        return sizes.length;
    }

    public int size(int g) {
        return sizes[g];
    }

    public int offset(int g) {
        return offsets[g];
    }

    public String name(int g) {
        return names[g];
    }

    /** Total number of parameters {@code P}. */
    public int totalSize() {
        return offsets[sizes.length];
    }

    @Override
    public String toString() {
        return "ParameterGroups" + Arrays.toString(names) + Arrays.toString(sizes);
    }
}
