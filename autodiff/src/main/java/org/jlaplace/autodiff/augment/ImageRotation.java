package org.jlaplace.autodiff.augment;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;

/**
 * Rotated copies of image data sets, for invariance experiments: each image rotated about its
 * centre by its own angle drawn uniformly from {@code [−maxDegrees, maxDegrees]} (bilinear
 * sampling, zero padding), the angles drawn in order from {@code new Rng(seed)}.
 */
public final class ImageRotation {
    private ImageRotation() {
    }

    /**
     * The rotated data set, with the shape of {@code images} ({@code [N, C·H·W]} or
     * {@code [N, C, H, W]} for {@code imageShape = [C, H, W]}).
     *
     * @throws IllegalArgumentException for a negative or non-finite angle or mismatched shapes
     */
    public static Tensor rotateData(Tensor images, int[] imageShape, double maxDegrees, long seed) {
        if (!Double.isFinite(maxDegrees) || maxDegrees < 0) {
            throw new IllegalArgumentException("rotateData: the maximal angle must be finite and ≥ 0 degrees, got "
                + maxDegrees);
        }
        if (imageShape == null || imageShape.length != 3) {
            throw new IllegalArgumentException("rotateData: image shape must be [C, H, W], got "
                + Arrays.toString(imageShape));
        }
        int n = images.dim(0);
        int size = imageShape[0] * imageShape[1] * imageShape[2];
        if (images.size() != (long) n * size) {
            throw new IllegalArgumentException("rotateData: data of shape " + Arrays.toString(images.shape())
                + " are not images of shape " + Arrays.toString(imageShape));
        }
        AffineAugmentation rotation = new AffineAugmentation(List.of(AffineGenerator.ROTATION), 1);
        Tensor noise = new Rng(seed).uniform(-1.0, 1.0, n, 1, 1);
        Tensor eta = Tensor.of(new double[] {Math.toRadians(maxDegrees)}, 1);
        Tensor nchw = images.contiguous().reshape(n, imageShape[0], imageShape[1], imageShape[2]);
        return rotation.apply(Var.of(nchw), Var.of(eta), noise).value().reshape(images.shape());
    }
}
