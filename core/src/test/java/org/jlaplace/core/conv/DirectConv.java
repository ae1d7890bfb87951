package org.jlaplace.core.conv;

/**
 * Direct nested-loop definitions of convolution and pooling on flat NCHW arrays: the oracles for
 * the im2col/GEMM implementations. Each loop is the textbook formula, nothing more.
 */
final class DirectConv {

    private DirectConv() {
    }

    static double at(double[] x, int c, int h, int w, int n, int ci, int iy, int ix) {
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
            return 0.0;
        }
        return x[((n * c + ci) * h + iy) * w + ix];
    }

    /** {@code y[n,o,p,q] = b[o] + Σ_{c,i,j} w[o,c,i,j]·x[n,c,p·s+i−pad,q·s+j−pad]}. */
    static double[] forward(double[] x, int[] xs, double[] w, int[] ws, double[] bias, int s, int pad) {
        int nb = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int o = ws[0], kh = ws[2], kw = ws[3];
        int oh = (h + 2 * pad - kh) / s + 1;
        int ow = (wd + 2 * pad - kw) / s + 1;
        double[] y = new double[nb * o * oh * ow];
        for (int n = 0; n < nb; n++) {
            for (int oc = 0; oc < o; oc++) {
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        double acc = bias == null ? 0.0 : bias[oc];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    acc += w[((oc * c + ci) * kh + i) * kw + j]
                                            * at(x, c, h, wd, n, ci, p * s + i - pad, q * s + j - pad);
                                }
                            }
                        }
                        y[((n * o + oc) * oh + p) * ow + q] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** {@code ∂x[n,c,iy,ix] = Σ over (o,p,q,i,j) with p·s+i−pad = iy, q·s+j−pad = ix of w[o,c,i,j]·g[n,o,p,q]}. */
    static double[] backwardInput(double[] g, double[] w, int[] ws, int[] xs, int s, int pad) {
        int nb = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int o = ws[0], kh = ws[2], kw = ws[3];
        int oh = (h + 2 * pad - kh) / s + 1;
        int ow = (wd + 2 * pad - kw) / s + 1;
        double[] dx = new double[nb * c * h * wd];
        for (int n = 0; n < nb; n++) {
            for (int oc = 0; oc < o; oc++) {
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        double gv = g[((n * o + oc) * oh + p) * ow + q];
                        for (int ci = 0; ci < c; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = p * s + i - pad;
                                    int ix = q * s + j - pad;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        dx[((n * c + ci) * h + iy) * wd + ix] += w[((oc * c + ci) * kh + i) * kw + j] * gv;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** {@code ∂w[o,c,i,j] = Σ_{n,p,q} g[n,o,p,q]·x[n,c,p·s+i−pad,q·s+j−pad]}. */
    static double[] backwardWeight(double[] g, double[] x, int[] xs, int[] ws, int s, int pad) {
        int nb = xs[0], c = xs[1], h = xs[2], wd = xs[3];
        int o = ws[0], kh = ws[2], kw = ws[3];
        int oh = (h + 2 * pad - kh) / s + 1;
        int ow = (wd + 2 * pad - kw) / s + 1;
        double[] dw = new double[o * c * kh * kw];
        for (int oc = 0; oc < o; oc++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        double acc = 0.0;
                        for (int n = 0; n < nb; n++) {
                            for (int p = 0; p < oh; p++) {
                                for (int q = 0; q < ow; q++) {
                                    acc += g[((n * o + oc) * oh + p) * ow + q]
                                            * at(x, c, h, wd, n, ci, p * s + i - pad, q * s + j - pad);
                                }
                            }
                        }
                        dw[((oc * c + ci) * kh + i) * kw + j] = acc;
                    }
                }
            }
        }
        return dw;
    }

    /** Max (or mean) over each {@code k×k} window with stride {@code s}, no padding. */
    static double[] pool(double[] x, int[] xs, int k, int s, boolean max) {
        int planes = xs[0] * xs[1], h = xs[2], w = xs[3];
        int oh = (h - k) / s + 1;
        int ow = (w - k) / s + 1;
        double[] y = new double[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            for (int p = 0; p < oh; p++) {
                for (int q = 0; q < ow; q++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0.0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double v = x[(pl * h + p * s + i) * w + q * s + j];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(pl * oh + p) * ow + q] = max ? acc : acc / (k * k);
                }
            }
        }
        return y;
    }
}
