package org.jlaplace.autodiff;

import java.util.Arrays;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.conv.Pool2d;

/**
 * Image operations (NCHW) built by composition of primitives, so their first and higher
 * derivatives need no rules of their own: max pooling is a gather at the arg-max positions,
 * average pooling a convolution with a constant box filter, and bilinear grid sampling a
 * weighted sum of four gathers whose weights are differentiable in the sampling coordinates.
 */
public final class Images {

    private Images() {
    }

    private static int[] checkImage(Var x, String op) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(op + ": expected an NCHW image of rank 4, got shape "
                + Arrays.toString(s));
        }
        return s;
    }

    private static int outSize(int in, int kernel, int stride, String op) {
        if (kernel < 1 || stride < 1 || kernel > in) {
            throw new IllegalArgumentException(op + ": kernel " + kernel + " and stride " + stride
                + " invalid for spatial size " + in);
        }
        return (in - kernel) / stride + 1;
    }

    /**
     * Max pooling over {@code k × k} windows with a stride and no padding:
     * {@code y[n,c,i,j] = max_{a,b<k} x[n,c,i·s+a,j·s+b]}, computed as a gather of the flattened
     * input at the (first, row-major) arg-max of every window found by the core kernel, so the
     * gradient flows to the arg-max and second derivatives need no extra rule.
     */
    public static Var maxPool2d(Var x, int kernel, int stride) {
        int[] s = checkImage(x, "maxPool2d");
        int ho = outSize(s[2], kernel, stride, "maxPool2d");
        int wo = outSize(s[3], kernel, stride, "maxPool2d");
        int[] argmax = Pool2d.maxForward(x.value(), kernel, stride).argmax();
        return x.reshape(-1).indexSelect(0, argmax).reshape(s[0], s[1], ho, wo);
    }

    /**
     * Average pooling over {@code k × k} windows with a stride and no padding:
     * {@code y[n,c,i,j] = k⁻² Σ_{a,b<k} x[n,c,i·s+a,j·s+b]}, computed as a convolution of every
     * channel with a constant box filter.
     */
    public static Var avgPool2d(Var x, int kernel, int stride) {
        int[] s = checkImage(x, "avgPool2d");
        int ho = outSize(s[2], kernel, stride, "avgPool2d");
        int wo = outSize(s[3], kernel, stride, "avgPool2d");
        Var box = Var.full(1.0 / ((double) kernel * kernel), 1, 1, kernel, kernel);
        return x.reshape(s[0] * s[1], 1, s[2], s[3]).conv2d(box, stride, 0).reshape(s[0], s[1], ho, wo);
    }

    /**
     * Bilinear sampling with zero padding, as PyTorch's {@code grid_sample(align_corners=False)}.
     * image {@code [N,C,H,W]}, grid {@code [N,Ho,Wo,2]} holding normalised (x, y) ∈ [−1, 1]
     * (−1 and 1 are the outer edges of the border pixels); output {@code [N,C,Ho,Wo]}.
     * With pixel coordinates {@code u = ((x+1)W − 1)/2}, {@code v = ((y+1)H − 1)/2},
     * {@code out = Σ_{corners} (1−|u−u_c|)(1−|v−v_c|) image[v_c, u_c]} over the four neighbours,
     * out-of-range neighbours contributing zero. Differentiable in the image and in the grid.
     */
    public static Var gridSample(Var image, Var grid) {
        int[] s = checkImage(image, "gridSample");
        int[] g = grid.shape();
        if (g.length != 4 || g[0] != s[0] || g[3] != 2) {
            throw new IllegalArgumentException("gridSample: grid must have shape [" + s[0]
                + ", Ho, Wo, 2] for image " + Arrays.toString(s) + ", got " + Arrays.toString(g));
        }
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int w = s[3];
        int ho = g[1];
        int wo = g[2];
        Var u = grid.select(3, 0).add(1.0).mul(w / 2.0).sub(0.5);
        Var v = grid.select(3, 1).add(1.0).mul(h / 2.0).sub(0.5);
        Tensor u0 = u.value().map(Math::floor);
        Tensor v0 = v.value().map(Math::floor);
        Var fu = u.sub(Var.of(u0));
        Var fv = v.sub(Var.of(v0));
        Var[] wu = {fu.neg().add(1.0), fu};
        Var[] wv = {fv.neg().add(1.0), fv};
        double[] u0d = u0.contiguous().data();
        double[] v0d = v0.contiguous().data();
        Var flat = image.reshape(-1);
        Var out = null;
        for (int dv = 0; dv < 2; dv++) {
            for (int du = 0; du < 2; du++) {
                int[] index = new int[n * c * ho * wo];
                double[] valid = new double[n * ho * wo];
                for (int b = 0; b < n; b++) {
                    for (int p = 0; p < ho * wo; p++) {
                        int q = b * ho * wo + p;
                        int col = (int) u0d[q] + du;
                        int row = (int) v0d[q] + dv;
                        boolean inside = col >= 0 && col < w && row >= 0 && row < h;
                        valid[q] = inside ? 1.0 : 0.0;
                        int offset = inside ? row * w + col : 0;
                        for (int ch = 0; ch < c; ch++) {
                            index[(b * c + ch) * ho * wo + p] = ((b * c + ch) * h * w) + offset;
                        }
                    }
                }
                Var weight = wu[du].mul(wv[dv]).mul(Var.of(Tensor.of(valid, n, ho, wo)))
                    .reshape(n, 1, ho, wo);
                Var term = flat.indexSelect(0, index).reshape(n, c, ho, wo).mul(weight);
                out = out == null ? term : out.add(term);
            }
        }
        return out;
    }

    /**
     * The sampling grid of an affine warp, as PyTorch's {@code affine_grid(align_corners=False)}:
     * theta {@code [N,2,3]} maps output pixel centres {@code (x, y, 1)} (normalised to [−1, 1]) to
     * sampling positions; result {@code [N,H,W,2]}. Differentiable in theta.
     */
    public static Var affineGrid(Var theta, int height, int width) {
        int[] t = theta.shape();
        if (t.length != 3 || t[1] != 2 || t[2] != 3) {
            throw new IllegalArgumentException("affineGrid: theta must have shape [N, 2, 3], got "
                + Arrays.toString(t));
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("affineGrid: size must be positive, got " + height + "x" + width);
        }
        double[] base = new double[height * width * 3];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                int r = (i * width + j) * 3;
                base[r] = (2.0 * j + 1.0) / width - 1.0;
                base[r + 1] = (2.0 * i + 1.0) / height - 1.0;
                base[r + 2] = 1.0;
            }
        }
        Var points = Var.of(Tensor.of(base, 1, height * width, 3));
        return points.matmul(theta.transpose()).reshape(t[0], height, width, 2);
    }

    /** Warps an image by an affine map: {@code gridSample(image, affineGrid(theta, H, W))}. */
    public static Var affineWarp(Var image, Var theta) {
        int[] s = checkImage(image, "affineWarp");
        return gridSample(image, affineGrid(theta, s[2], s[3]));
    }
}
