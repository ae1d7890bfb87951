package org.jlaplace.autodiff.nn;

import java.util.List;

/**
 * Test oracle: the network evaluated one example at a time with textbook loops over the PyTorch
 * definitions, sharing no code with the fast path.
 */
final class NaiveNetwork {
    private NaiveNetwork() {
    }

    /** f(x) for one example {@code x} (flat, row-major input shape), parameters given flat in PyTorch order. */
    static double[] forward(Sequential model, double[] flatParams, double[] x) {
        double[] current = x.clone();
        int[] shape = model.inputShape();
        int offset = 0;
        for (Layer layer : model.layers()) {
            if (layer instanceof Linear) {
                Linear l = (Linear) layer;
                int in = l.inFeatures();
                int out = l.outFeatures();
                double[] y = new double[out];
                for (int o = 0; o < out; o++) {
                    double s = 0;
                    for (int i = 0; i < in; i++) {
                        s += flatParams[offset + o * in + i] * current[i];
                    }
                    y[o] = s;
                }
                offset += in * out;
                if (l.hasBias()) {
                    for (int o = 0; o < out; o++) {
                        y[o] += flatParams[offset + o];
                    }
                    offset += out;
                }
                current = y;
                shape = new int[] {out};
            } else if (layer instanceof Conv2d) {
                Conv2d c = (Conv2d) layer;
                int ci = shape[0];
                int h = shape[1];
                int w = shape[2];
                int k = c.kernelSize();
                int s = c.stride();
                int p = c.padding();
                int oh = (h + 2 * p - k) / s + 1;
                int ow = (w + 2 * p - k) / s + 1;
                int co = c.outChannels();
                double[] y = new double[co * oh * ow];
                int biasOffset = offset + co * ci * k * k;
                for (int o = 0; o < co; o++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            double sum = c.hasBias() ? flatParams[biasOffset + o] : 0.0;
                            for (int cc = 0; cc < ci; cc++) {
                                for (int u = 0; u < k; u++) {
                                    for (int v = 0; v < k; v++) {
                                        int hh = i * s + u - p;
                                        int ww = j * s + v - p;
                                        if (hh < 0 || hh >= h || ww < 0 || ww >= w) {
                                            continue;
                                        }
                                        double weight = flatParams[offset + ((o * ci + cc) * k + u) * k + v];
                                        sum += weight * current[(cc * h + hh) * w + ww];
                                    }
                                }
                            }
                            y[(o * oh + i) * ow + j] = sum;
                        }
                    }
                }
                offset = biasOffset + (c.hasBias() ? co : 0);
                current = y;
                shape = new int[] {co, oh, ow};
            } else if (layer instanceof MaxPool2d || layer instanceof AvgPool2d) {
                boolean max = layer instanceof MaxPool2d;
                int k = max ? ((MaxPool2d) layer).kernelSize() : ((AvgPool2d) layer).kernelSize();
                int s = max ? ((MaxPool2d) layer).stride() : ((AvgPool2d) layer).stride();
                int ch = shape[0];
                int h = shape[1];
                int w = shape[2];
                int oh = (h - k) / s + 1;
                int ow = (w - k) / s + 1;
                double[] y = new double[ch * oh * ow];
                for (int c = 0; c < ch; c++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            double acc = max ? Double.NEGATIVE_INFINITY : 0.0;
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    double val = current[(c * h + i * s + u) * w + j * s + v];
                                    acc = max ? Math.max(acc, val) : acc + val / (k * k);
                                }
                            }
                            y[(c * oh + i) * ow + j] = acc;
                        }
                    }
                }
                current = y;
                shape = new int[] {ch, oh, ow};
            } else if (layer instanceof Flatten) {
                shape = new int[] {current.length};
            } else {
                Activation a = (Activation) layer;
                double[] y = new double[current.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = reference(a, current[i]);
                }
                current = y;
            }
        }
        return current;
    }

    /** The activations written from their textbook definitions (independent of the library's activation rules). */
    static double reference(Activation a, double x) {
        switch (a.kind()) {
            case RELU:
                return Math.max(x, 0);
            case TANH:
                return (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x));
            case SIGMOID:
                return 1 / (1 + Math.exp(-x));
            case GELU:
                return 0.5 * x * (1 + org.jlaplace.core.Tensor.scalar(x / Math.sqrt(2)).erf().item());
            case SILU:
                return x / (1 + Math.exp(-x));
            case SELU:
                return 1.0507009873554804934193349852946
                        * (x > 0 ? x : 1.6732632423543772848170429916717 * (Math.exp(x) - 1));
            case SOFTPLUS:
                return x > 20 ? x : Math.log(1 + Math.exp(x));
            case LEAKY_RELU:
                return x > 0 ? x : a.negativeSlope() * x;
            default:
                throw new AssertionError(a);
        }
    }

    /** f(x_n) for every example of a batch, {@code [M·C]} row-major. */
    static double[] forwardBatch(Sequential model, double[] flatParams, double[] xs, int m) {
        int in = model.inputSize();
        int c = model.outputSize();
        double[] out = new double[m * c];
        for (int n = 0; n < m; n++) {
            double[] x = new double[in];
            System.arraycopy(xs, n * in, x, 0, in);
            System.arraycopy(forward(model, flatParams, x), 0, out, n * c, c);
        }
        return out;
    }

    static List<Activation> allActivations() {
        return List.of(Activation.relu(), Activation.tanh(), Activation.sigmoid(), Activation.gelu(),
                Activation.silu(), Activation.selu(), Activation.softplus(), Activation.leakyRelu(0.2));
    }
}
