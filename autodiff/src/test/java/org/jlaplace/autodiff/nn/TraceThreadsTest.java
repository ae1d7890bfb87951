package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Gemm;
import org.junit.jupiter.api.Test;

/**
 * Every pass of an MNIST-shaped CNN (the layer kernels behind training, Jacobians and KFAC, and
 * the graph path) gives bitwise identical results with 1 and 2 threads ({@code -Djlaplace.threads}).
 */
class TraceThreadsTest {

    /** [1, 28, 28] → conv 8 → relu → pool → conv 16 → tanh → pool → flatten → 32 → relu → 10. */
    private static Sequential network() {
        return new Sequential(new Rng(4), new int[] {1, 28, 28},
                new Conv2d(1, 8, 3, 1, 1, true), Activation.relu(), new MaxPool2d(2, 2),
                new Conv2d(8, 16, 3, 1, 1, true), Activation.tanh(), new MaxPool2d(2, 2), new Flatten(),
                new Linear(16 * 7 * 7, 32, true), Activation.relu(), new Linear(32, 10, true));
    }

    private static List<double[]> withThreads(int threads, Supplier<List<double[]>> run) {
        String old = System.getProperty(Gemm.THREADS_PROPERTY);
        try {
            System.setProperty(Gemm.THREADS_PROPERTY, Integer.toString(threads));
            return run.get();
        } finally {
            if (old == null) {
                System.clearProperty(Gemm.THREADS_PROPERTY);
            } else {
                System.setProperty(Gemm.THREADS_PROPERTY, old);
            }
        }
    }

    private static List<double[]> everyPass(Sequential net, Tensor x) {
        List<double[]> out = new ArrayList<>();
        Trace trace = net.trace(x);
        out.add(trace.output().toArray());
        Tensor g = new Rng(7).normal(0, 1, trace.output().shape());
        for (Tensor t : trace.backward(g)) {
            out.add(t.toArray());
        }
        int m = x.dim(0);
        out.add(trace.vjpMany(new Rng(8).normal(0, 1, m, 3, 10)).toArray());
        out.add(trace.jvpMany(new Rng(9).normal(0, 1, 3, net.numParameters())).toArray());
        BatchedCotangents many = trace.backwardMany(new Rng(10).normal(0, 1, m, 10, 4));
        for (int i = 0; i < net.numLayers(); i++) {
            out.add(many.layerOutput(i).toArray());
        }
        out.add(trace.kfacInput(3).toArray());
        List<Var> params = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            params.add(Var.of(p.value()));
        }
        Var y = net.forward(Var.of(x), params);
        out.add(y.value().toArray());
        Var loss = y.mul(Var.of(g)).sum();
        for (Var grad : AD.gradients(loss, params.toArray(new Var[0]))) {
            out.add(grad.value().toArray());
        }
        return out;
    }

    /** The float32 passes, widened, plus a float32 Adam step from the same gradients. */
    private static List<double[]> everyFloat32Pass(Sequential net, Tensor x) {
        List<double[]> out = new ArrayList<>();
        Trace trace = net.trace(x, new TraceBuffers(net));
        out.add(trace.output().toArray());
        int m = x.dim(0);
        float[] g = new float[m * 10];
        double[] gd = new Rng(7).normal(0, 1, m, 10).toArray();
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) gd[i];
        }
        float[][] grads = trace.backward32(g);
        for (float[] gk : grads) {
            out.add(Float32TraceTest.widen(gk));
        }
        out.add(trace.vjpMany(new Rng(8).normal(0, 1, m, 3, 10)).toArray());
        out.add(trace.jvpMany(new Rng(9).normal(0, 1, 3, net.numParameters())).toArray());
        BatchedCotangents many = trace.backwardMany(new Rng(10).normal(0, 1, m, 10, 4));
        for (int i = 0; i < net.numLayers(); i++) {
            out.add(many.layerOutput(i).toArray());
        }
        out.add(trace.kfacInput(3).toArray());
        List<Tensor> values = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            values.add(p.value().copy());
        }
        float[][] values32 = new float[values.size()][];
        for (int k = 0; k < values32.length; k++) {
            double[] v = values.get(k).data();
            values32[k] = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                values32[k][i] = (float) v[i];
            }
        }
        new org.jlaplace.autodiff.optim.Adam(1e-3).step32(values, values32, grads);
        for (Tensor v : values) {
            out.add(v.toArray());
        }
        return out;
    }

    @Test
    void everyFloat32PassIsBitwiseIdenticalOnOneAndTwoThreads() {
        Sequential net = network();
        net.roundParametersToFloat32();
        Tensor x = new Rng(3).normal(0, 1, 48, 1, 28, 28);
        List<double[]> one = withThreads(1, () -> everyFloat32Pass(net, x));
        List<double[]> two = withThreads(2, () -> everyFloat32Pass(net, x));
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), 0.0, "float32 pass result " + i);
        }
    }

    @Test
    void everyPassIsBitwiseIdenticalOnOneAndTwoThreads() {
        Sequential net = network();
        Tensor x = new Rng(3).normal(0, 1, 48, 1, 28, 28);
        List<double[]> one = withThreads(1, () -> everyPass(net, x));
        List<double[]> two = withThreads(2, () -> everyPass(net, x));
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), "pass " + i);
        }
    }
}
