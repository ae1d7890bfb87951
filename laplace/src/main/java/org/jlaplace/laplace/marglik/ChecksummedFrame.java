package org.jlaplace.laplace.marglik;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * The envelope of a saved state: {@code magic (8 bytes) · version (4) · body length (4) · body ·
 * CRC-32 of the body (8)}. A reader accepts a frame only when every part is present and the
 * checksum matches, so a file cut short by {@code kill -9} or damaged on disk is never mistaken
 * for a complete state.
 */
public final class ChecksummedFrame {
    /** Bytes of the envelope around the body. */
    public static final int OVERHEAD = 24;

    private ChecksummedFrame() {
    }

    /** Writes {@code body} inside the envelope. */
    public static void write(OutputStream out, long magic, int version, byte[] body) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(body);
        DataOutputStream d = new DataOutputStream(out);
        d.writeLong(magic);
        d.writeInt(version);
        d.writeInt(body.length);
        d.write(body);
        d.writeLong(crc.getValue());
        d.flush();
    }

    /**
     * Reads one envelope and returns its body.
     *
     * @param what the name of the thing read, for the messages (e.g. "checkpoint")
     * @throws IOException naming what is wrong: magic, version, length, truncation or checksum
     */
    public static byte[] read(InputStream in, long magic, int version, String what) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            if (d.readLong() != magic) {
                throw new IOException("not a jlaplace " + what + " (wrong magic number)");
            }
            int found = d.readInt();
            if (found != version) {
                throw new IOException(what + " format version " + found + ", this build reads version " + version);
            }
            int length = d.readInt();
            if (length < 0 || length > Integer.MAX_VALUE - 64) {
                throw new IOException(what + " body length " + length + " is impossible");
            }
            byte[] body = d.readNBytes(length);
            if (body.length != length) {
                throw new IOException(what + " is truncated (" + body.length + " of " + length + " bytes)");
            }
            long want = d.readLong();
            CRC32 crc = new CRC32();
            crc.update(body);
            if (crc.getValue() != want) {
                throw new IOException(what + " checksum mismatch: the file is corrupt");
            }
            return body;
        } catch (EOFException e) {
            throw new IOException(what + " is truncated", e);
        }
    }
}
