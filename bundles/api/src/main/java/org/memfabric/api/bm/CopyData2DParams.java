package org.memfabric.api.bm;

import org.memfabric.api.Validate;

/**
 * Parameters of a 2D copy ({@code smem_bm_copy_2d}, Python {@code CopyData2DParams}): {@code height} rows of
 * {@code width} bytes, source rows {@code spitch} bytes apart, destination rows {@code dpitch} bytes apart.
 * Immutable; pitches must be at least the width.
 */
public final class CopyData2DParams {
    private final long src;
    private final long spitch;
    private final long dest;
    private final long dpitch;
    private final long width;
    private final long height;

    /**
     * Creates the parameters.
     *
     * @param src the source address of row 0
     * @param spitch the distance between source rows in bytes, at least {@code width}
     * @param dest the destination address of row 0
     * @param dpitch the distance between destination rows in bytes, at least {@code width}
     * @param width bytes per row, positive
     * @param height number of rows, positive
     */
    public CopyData2DParams(
        final long src, final long spitch, final long dest, final long dpitch, final long width, final long height) {
        Validate.isTrue(src != 0, "copy2d src must not be null: src=0");
        Validate.isTrue(dest != 0, "copy2d dest must not be null: dest=0");
        Validate.positive("width", width);
        Validate.positive("height", height);
        Validate.isTrue(spitch >= width, "spitch must be >= width: spitch=" + spitch + ", width=" + width);
        Validate.isTrue(dpitch >= width, "dpitch must be >= width: dpitch=" + dpitch + ", width=" + width);
        Validate.isTrue(height <= Long.MAX_VALUE / Math.max(spitch, dpitch),
            "copy2d extent overflows: height=" + height + ", spitch=" + spitch + ", dpitch=" + dpitch);
        this.src = src;
        this.spitch = spitch;
        this.dest = dest;
        this.dpitch = dpitch;
        this.width = width;
        this.height = height;
    }

    /**
     * Source address of row 0.
     *
     * @return the address
     */
    public long src() {
        return src;
    }

    /**
     * Source pitch in bytes.
     *
     * @return the pitch
     */
    public long spitch() {
        return spitch;
    }

    /**
     * Destination address of row 0.
     *
     * @return the address
     */
    public long dest() {
        return dest;
    }

    /**
     * Destination pitch in bytes.
     *
     * @return the pitch
     */
    public long dpitch() {
        return dpitch;
    }

    /**
     * Bytes per row.
     *
     * @return the width
     */
    public long width() {
        return width;
    }

    /**
     * Number of rows.
     *
     * @return the height
     */
    public long height() {
        return height;
    }

    /**
     * Bytes spanned on the source side: {@code (height - 1) * spitch + width}.
     *
     * @return the extent
     */
    public long sourceExtent() {
        return (height - 1) * spitch + width;
    }

    /**
     * Bytes spanned on the destination side: {@code (height - 1) * dpitch + width}.
     *
     * @return the extent
     */
    public long destinationExtent() {
        return (height - 1) * dpitch + width;
    }
}
