package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;

/** Small random MLPs and CNNs with an oracle Jacobian from per-datum reverse passes. */
final class SmallNetworks {
    private SmallNetworks() {
    }

    /** A tanh MLP {@code in → hidden → out}. */
    static Sequential mlp(long seed, int in, int hidden, int out) {
        return new Sequential(new Rng(seed), new int[] {in}, new Linear(in, hidden), Activation.tanh(),
                new Linear(hidden, out));
    }

    /** A CNN on {@code 1×6×6} images: conv(3, pad 1) → relu → maxpool 2 → conv(2, stride 1) → flatten → linear. */
    static Sequential cnn(long seed, int out) {
        return new Sequential(new Rng(seed), new int[] {1, 6, 6}, new Conv2d(1, 2, 3, 1, 1, true), Activation.relu(),
                new MaxPool2d(2), new Conv2d(2, 3, 2, 1, 0, false), Activation.tanh(), new Flatten(),
                new Linear(12, out));
    }

    /** One Linear layer {@code in → out} with bias. */
    static Sequential linear(long seed, int in, int out) {
        return new Sequential(new Rng(seed), new int[] {in}, new Linear(in, out));
    }

    static Tensor inputs(long seed, Sequential net, int n) {
        int[] in = net.inputShape();
        int[] shape = new int[in.length + 1];
        shape[0] = n;
        System.arraycopy(in, 0, shape, 1, in.length);
        return new Rng(seed ^ 0x5DEECE66DL).normal(0.0, 1.0, shape);
    }

    /**
     * The explicit model with {@code J_n} from one reverse pass per datum ({@code vjpMany} with
     * the identity cotangents): an oracle independent of the structured per-layer path.
     */
    static ExplicitJacobians explicit(Sequential net, Tensor x) {
        int n = x.dim(0);
        int c = net.outputSize();
        int p = net.numParameters();
        double[] j = new double[n * c * p];
        double[] f = new double[n * c];
        for (int i = 0; i < n; i++) {
            Trace t = net.trace(x.indexSelect(0, new int[] {i}));
            double[] eye = new double[c * c];
            for (int k = 0; k < c; k++) {
                eye[k * c + k] = 1.0;
            }
            double[] ji = t.vjpMany(Tensor.of(eye, 1, c, c)).toArray();
            System.arraycopy(ji, 0, j, i * c * p, c * p);
            System.arraycopy(t.output().toArray(), 0, f, i * c, c);
        }
        return new ExplicitJacobians(j, f, net.flatParameters().toArray(), NetworkModel.of(net, x).groups(), n, c);
    }
}
