package org.jlaplace.autodiff.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a {@link StatefulOptimizer}'s state: the number of steps taken, and for each parameter
 * its shape and state arrays (e.g. Adam's first and second moments). Restoring it into a fresh
 * optimiser of the same kind and schedule continues the run exactly.
 *
 * @param steps  steps taken so far
 * @param shapes one shape per parameter (empty before the first step)
 * @param arrays one group of state arrays per parameter, each of the parameter's size
 */
public record OptimizerSnapshot(long steps, List<int[]> shapes, List<double[][]> arrays) {

    /** Checks that the parts agree and copies them. */
    public OptimizerSnapshot {
        if (steps < 0 || shapes.size() != arrays.size()) {
            throw new IllegalArgumentException("optimizer snapshot: " + steps + " steps, " + shapes.size() + " shapes, "
                    + arrays.size() + " state groups");
        }
        shapes = deepCopyShapes(shapes);
        arrays = deepCopy(arrays);
    }

    @Override
    public List<int[]> shapes() {
        return deepCopyShapes(shapes);
    }

    @Override
    public List<double[][]> arrays() {
        return deepCopy(arrays);
    }

    private static List<int[]> deepCopyShapes(List<int[]> in) {
        List<int[]> out = new ArrayList<>(in.size());
        for (int[] s : in) {
            out.add(s.clone());
        }
        return List.copyOf(out);
    }

    static List<double[][]> deepCopy(List<double[][]> in) {
        List<double[][]> out = new ArrayList<>(in.size());
        for (double[][] group : in) {
            double[][] g = new double[group.length][];
            for (int i = 0; i < group.length; i++) {
                g[i] = group[i].clone();
            }
            out.add(g);
        }
        return List.copyOf(out);
    }
}
