package org.jlaplace.core.conv;

import java.util.Arrays;

/**
 * The sizes of one 2-D convolution or pooling window sweep over an NCHW input, validated once:
 * {@code outH = ⌊(H + 2·padding − kh) / stride⌋ + 1} and likewise for the width. {@link ConvKernels}
 * takes it to run the batched kernels on raw arrays.
 */
public record ConvGeometry(int batch, int channels, int height, int width, int kh, int kw, int stride,
                    int padding, int outH, int outW) {

    /** Rejects a geometry whose output size does not follow from the input and window, or whose input overflows an array. */
    public ConvGeometry {
        if (batch < 0 || channels < 0 || height < 0 || width < 0 || kh < 1 || kw < 1 || stride < 1 || padding < 0
                || outH != (height + 2 * padding - kh) / stride + 1 || outW != (width + 2 * padding - kw) / stride + 1
                || kh > height + 2 * padding || kw > width + 2 * padding) {
            throw new IllegalArgumentException("inconsistent convolution geometry: batch " + batch + ", channels "
                    + channels + ", input " + height + "x" + width + ", kernel " + kh + "x" + kw + ", stride " + stride
                    + ", padding " + padding + ", output " + outH + "x" + outW);
        }
        if ((long) batch * channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("convolution input of " + batch + "x" + channels + "x" + height + "x"
                    + width + " entries is larger than a Java array");
        }
    }

    /** Checks the input shape and window parameters; {@code op} names the operation in error messages. */
    public static ConvGeometry of(String op, int[] inputShape, int kh, int kw, int stride, int padding) {
        if (inputShape.length != 4) {
            throw new IllegalArgumentException(op + ": input must have shape [N, C, H, W], got "
                    + Arrays.toString(inputShape));
        }
        for (int d : inputShape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in input shape "
                        + Arrays.toString(inputShape));
            }
        }
        if (stride < 1) {
            throw new IllegalArgumentException(op + ": stride must be positive, got " + stride);
        }
        if (padding < 0) {
            throw new IllegalArgumentException(op + ": padding must be non-negative, got " + padding);
        }
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException(op + ": kernel size must be positive, got " + kh + "x" + kw);
        }
        int h = inputShape[2];
        int w = inputShape[3];
        if (kh > h + 2 * padding || kw > w + 2 * padding) {
            throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw
                    + " is larger than the padded input " + (h + 2 * padding) + "x" + (w + 2 * padding)
                    + " (input shape " + Arrays.toString(inputShape) + ", padding " + padding + ")");
        }
        int outH = (h + 2 * padding - kh) / stride + 1;
        int outW = (w + 2 * padding - kw) / stride + 1;
        return new ConvGeometry(inputShape[0], inputShape[1], h, w, kh, kw, stride, padding, outH, outW);
    }

    /** Elements of one input image, {@code C·H·W}. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Output positions per image and channel, {@code outH·outW}. */
    public int outPositions() {
        return outH * outW;
    }

    /** Rows of the im2col matrix, {@code C·kh·kw}. */
    public int patchSize() {
        return channels * kh * kw;
    }

    /** The input shape {@code [N, C, H, W]}. */
    public int[] inputShape() {
        return new int[] {batch, channels, height, width};
    }

    /** The output shape {@code [N, outChannels, outH, outW]}. */
    public int[] outputShape(int outChannels) {
        return new int[] {batch, outChannels, outH, outW};
    }
}
